package org.kawamori.timeseries;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.kawamori.core.Detection;
import org.kawamori.core.Reading;
import org.kawamori.core.port.DetectionSink;
import org.kawamori.core.port.ReadingStore;

/** The batched writers as the core's store ports: {@code submit} waits without a thread, {@code append} blocks. */
public final class WriterPorts {

    private WriterPorts() {}

    public static ReadingStore readingStore(BatchedWriter<Reading> writer) {
        return new ReadingStore() {
            @Override
            public int append(List<Reading> readings) {
                return writer.write(readings);
            }

            @Override
            public CompletionStage<Integer> submit(List<Reading> readings) {
                return writer.submit(readings);
            }
        };
    }

    public static DetectionSink detectionSink(BatchedWriter<Detection> writer) {
        return new DetectionSink() {
            @Override
            public int append(List<Detection> detections) {
                return writer.write(detections);
            }

            @Override
            public CompletionStage<Integer> submit(List<Detection> detections) {
                return writer.submit(detections);
            }
        };
    }
}
