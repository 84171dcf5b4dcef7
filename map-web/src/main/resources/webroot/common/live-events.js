/*
 * Kawamori: the live events of a map page (EventSource messages with JSON data) and the snapshots
 * the page loads at start, after a reconnect and every few minutes. Shared by the map pages:
 * window.KawamoriLiveEvents.
 *
 *   var live = KawamoriLiveEvents.create();
 *   source.addEventListener('alert', live.handler(applyAlert));
 *   live.during(function () { return Promise.all([loadSensors(), loadAlerts()]); });
 *   ... after the first load: live.open();
 *
 * An event is applied at once only when the page is open and no snapshot is loading. Otherwise it
 * is held and applied, in its order, once the last load in flight has ended: a snapshot may have
 * been read before the event happened, and applied after it, would undo it.
 * body[data-held-events] is the number of events waiting (a hook for browser tests).
 */
(function () {
  'use strict';

  function create() {
    var open = false;
    var loading = 0;
    var held = []; /* [apply, data] in their order */

    function setHeld() {
      document.body.dataset.heldEvents = String(held.length);
    }

    function flush() {
      if (!open || loading > 0) return;
      held.splice(0).forEach(function (p) { p[0](p[1]); });
      setHeld();
    }

    return {
      /* An event listener that parses the data and applies it, or holds it while the page loads. */
      handler: function (apply) {
        return function (event) {
          var data;
          try {
            data = JSON.parse(event.data);
          } catch (e) {
            return;
          }
          if (open && loading === 0) {
            apply(data);
          } else {
            held.push([apply, data]);
            setHeld();
          }
        };
      },
      /* Runs load() (a function returning a promise); events wait until it has settled. */
      during: function (load) {
        loading++;
        return Promise.resolve()
          .then(load)
          .finally(function () {
            loading--;
            flush();
          });
      },
      /* The first load is done: from now on events are applied (those held first). */
      open: function () {
        open = true;
        flush();
      }
    };
  }

  window.KawamoriLiveEvents = { create: create };
})();
