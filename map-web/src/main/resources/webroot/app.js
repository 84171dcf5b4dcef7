/*
 * Kawamori map-web: the public flood map of the Kakogawa basin (residents; no personal data). Plain JS, no
 * build step. Texts: app-texts.js; the canvas layer with clusters: common/gauge-layer.js; the chart:
 * common/level-chart.js; live events held while a snapshot loads: common/live-events.js.
 *
 * Everything that comes from the API (names above all) is put into the page with textContent or as DOM
 * elements, never as HTML. The sensors are painted on one canvas (clusters when zoomed out, each in the
 * colour and sign of the worst state inside); the side list shows at most LIST_LIMIT rows: the sensors
 * under alert first, then the nearest to the map centre, filtered by the search box.
 *
 * A gauge's stage: 欠測 when it never reported or an active `offline` alert says so; else the higher of the
 * stage of its active `river-stage` alert (which holds until lifted, 解除) and the stage its latest level
 * reaches by the thresholds in `properties.stages` (so a live reading moves it at once).
 *
 * Stable hooks for browser tests and the benchmark:
 *   li[data-sensor-id][data-stage] > .latest-value / .latest-time / .stage-label, li[data-alert-id],
 *   body[data-boundary-count] (municipal boundaries drawn), body[data-sensor-count], body[data-alert-count], body[data-live-state], body[data-ready] (the first
 *   load of boundaries, sensors and alerts is done), body[data-first-draw-ms]
 *   (performance.now() when the sensors were first painted), #detail[data-sensor-id] with svg.level-chart,
 *   window.kawamoriMap.{ styleOf(id), screenPoint(id), stats() }.
 */
(function () {
  'use strict';

  var TEXT = window.KawamoriPublicTexts;
  var MUNICIPALITY_EN = window.KawamoriMunicipalityEn;
  var EXPERIMENTAL_LABEL = '試験運用中 / experimental';
  var BOUNDARY_CREDIT = '出典：国土数値情報（行政区域データ）（国土交通省） / Source: MLIT National Land Numerical Information (Administrative Areas)';
  var GSI_CREDIT = '<a href="https://maps.gsi.go.jp/development/ichiran.html" target="_blank" rel="noopener noreferrer">地理院タイル</a>';
  /* rank orders the states for clusters and the list: the higher, the worse */
  var STAGES = {
    normal: { rank: 0, color: '#1565c0', glyph: '' },
    missing: { rank: 1, color: '#8a969e', glyph: '×' },
    standby: { rank: 2, color: '#2e7d32', glyph: '1' },
    caution: { rank: 3, color: '#f9a825', glyph: '2', ink: '#1c2833' },
    evacuate: { rank: 4, color: '#d32f2f', glyph: '3' },
    danger: { rank: 5, color: '#6a1b9a', glyph: '4' }
  };
  var STAGE_CLASS = ['normal', 'standby', 'caution', 'evacuate', 'danger', 'danger'];
  var COLOR_FLASH = '#ffb300';
  var RESYNC_MS = 5 * 60 * 1000;
  var LIST_LIMIT = 150;
  var DAY_MS = 24 * 3600 * 1000;

  var lang = storedLang();
  var sensors = new Map(); /* id -> { feature, row, stage, style, flashUntil } */
  var alerts = new Map(); /* alert id -> { id, rule, station, name, level, sequence, facts, time, row } */
  var alertsByStation = new Map(); /* station id -> [alert] */
  var alertsServed = true;
  var muniLabels = [];
  var map, boundaries, gsi, gauges, layerControl;
  var initialLoadDone = false;
  var live = KawamoriLiveEvents.create(); /* holds live events while a snapshot loads */
  var source = null;
  var hadError = false;
  var selected = null; /* { id, points, from, to, state } */
  var listTimer = 0;
  var query = '';

  function t(key) { return TEXT[lang][key]; }

  function storedLang() {
    try {
      return window.localStorage.getItem('kawamori.lang') === 'en' ? 'en' : 'ja';
    } catch (e) {
      return 'ja';
    }
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /* Intl formatters are costly to make: one of each per language, reused for 10,000 sensors */
  var formats = {};
  function format(kind) {
    var key = lang + ':' + kind;
    if (!formats[key]) {
      formats[key] = kind === 'time'
        ? new Intl.DateTimeFormat(t('locale'), {
          timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit',
          hour: '2-digit', minute: '2-digit', hour12: false
        })
        : kind === 'hour'
          ? new Intl.DateTimeFormat(t('locale'), { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false })
          : new Intl.NumberFormat(t('locale'), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    return formats[key];
  }

  function formatTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '—';
    return format('time').format(d) + ' JST';
  }

  function formatHour(ms) {
    return format('hour').format(new Date(ms));
  }

  function metres(v) {
    return format('number').format(v);
  }

  /* A gauge's level in metres; an inundation sensor's depth in centimetres. */
  function formatValue(p) {
    var latest = p.latest;
    if (p.kind === 'INUNDATION' && latest.unit === 'm') {
      var cm = Math.round(latest.value * 100);
      return cm > 0 ? t('depthCm')(cm) : t('dry');
    }
    return metres(latest.value) + ' ' + latest.unit;
  }

  function municipalityName(p) {
    var name = lang === 'en' ? (p.municipalityNameEn || p.municipalityName) : p.municipalityName;
    return name || p.municipality;
  }

  /* ---------- stages ---------- */

  /* The stage the level reaches by the gauge's thresholds (0 below all). */
  function stageByLevel(p) {
    if (!p.stages || !p.latest || p.kind !== 'RIVER_GAUGE') return 0;
    var reached = 0;
    Object.keys(p.stages).forEach(function (k) {
      if (p.latest.value >= p.stages[k] && Number(k) > reached) reached = Number(k);
    });
    return reached;
  }

  function stageOf(p) {
    var own = alertsByStation.get(p.id) || [];
    if (!p.latest || own.some(function (a) { return a.rule === 'offline'; })) return 'missing';
    var worst = Math.min(stageByLevel(p), 5);
    if (p.kind === 'INUNDATION' && p.latest.value >= 0.1) worst = Math.max(worst, 2);
    own.forEach(function (a) {
      var rank = a.rule === 'river-stage' ? Math.min(a.level, 5) : a.rule === 'inundation' ? (a.level >= 2 ? 4 : 2) : 0;
      if (rank > worst) worst = rank;
    });
    return STAGE_CLASS[worst];
  }

  function styleFor(s) {
    var p = s.feature.properties;
    var stage = STAGES[s.stage];
    return {
      stage: s.stage, rank: stage.rank, color: stage.color, glyph: stage.glyph, glyphColor: stage.ink,
      square: p.kind === 'INUNDATION', experimental: !!p.experimental,
      label: p.latest ? formatValue(p) : t('noData'),
      ring: s.flashUntil > Date.now() ? COLOR_FLASH : (selected && selected.id === p.id ? '#0b3c5d' : null)
    };
  }

  /* Recomputes a sensor's stage and style; true when its stage changed. */
  function refresh(s) {
    var before = s.stage;
    s.stage = stageOf(s.feature.properties);
    s.style = styleFor(s);
    if (s.row) renderRow(s);
    return before !== s.stage;
  }

  /* ---------- map ---------- */

  function createMap() {
    map = L.map('map', { maxZoom: 18, minZoom: 8, zoomSnap: 0.25, zoomControl: true, preferCanvas: true });
    map.setView([34.86, 134.93], 10);
    L.control.scale({ imperial: false }).addTo(map);
    gsi = L.tileLayer('https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png', {
      attribution: GSI_CREDIT, minZoom: 5, maxZoom: 18, maxNativeZoom: 18
    });
    boundaries = L.geoJSON(null, {
      attribution: BOUNDARY_CREDIT,
      interactive: false,
      style: function () {
        return { color: '#5f6f7a', weight: 1.2, fillColor: '#fbfaf4', fillOpacity: 0.92 };
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties || {};
        var label = { code: p.N03_007, ja: p.N03_004, span: el('span', null, '') };
        label.span.textContent = labelText(label);
        layer.bindTooltip(label.span, { permanent: true, direction: 'center', className: 'muni-label', interactive: false });
        muniLabels.push(label);
      }
    }).addTo(map);
    gauges = window.KawamoriGaugeLayer.create({
      clusterBelowZoom: 12.5,
      labelFromZoom: 14,
      styleOf: function (id) { return sensors.get(id).style; },
      onSelect: function (id) { select(id, false); },
      tooltipOf: tooltipOf,
      onPaint: function (stats) {
        if (stats.sensors > 0 && !document.body.dataset.firstDrawMs) {
          document.body.dataset.firstDrawMs = String(Math.round(performance.now()));
        }
        document.body.dataset.drawnSensors = String(stats.sensors);
      }
    }).addTo(map);
    map.on('moveend', scheduleList);
    buildLayerControl();
  }

  function tooltipOf(drawn) {
    if (drawn.cluster) {
      return el('span', 'cluster-tip', t('clusterOf')(drawn.ids.length, t('stage_' + drawn.style.stage)));
    }
    var s = sensors.get(drawn.ids[0]);
    var tip = el('div', 'gauge-tip');
    tip.appendChild(el('strong', null, s.feature.properties.name));
    tip.appendChild(el('span', 'stage-label', t('stage_' + s.stage))).setAttribute('data-stage', s.stage);
    if (s.feature.properties.experimental) tip.appendChild(el('span', 'badge experimental', EXPERIMENTAL_LABEL));
    tip.appendChild(el('div', null, s.style.label));
    return tip;
  }

  function labelText(label) {
    return lang === 'en' ? (MUNICIPALITY_EN[label.code] || label.ja) : label.ja;
  }

  function buildLayerControl() {
    if (layerControl) layerControl.remove();
    var overlays = {};
    overlays[t('layerGsi')] = gsi;
    overlays[t('layerBoundaries')] = boundaries;
    overlays[t('layerSensors')] = gauges;
    layerControl = L.control.layers(null, overlays, { collapsed: window.innerWidth < 800 }).addTo(map);
  }

  function loadBoundaries() {
    return fetch('geo/kakogawa-basin.geojson', { headers: { Accept: 'application/geo+json' } })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (geo) {
        boundaries.addData(geo);
        document.body.dataset.boundaryCount = String(boundaries.getLayers().length);
        boundaries.bringToBack();
        map.fitBounds(boundaries.getBounds(), { padding: [12, 12] });
      })
      .catch(function () { showError(t('boundaryError')); });
  }

  function rebuildItems() {
    var items = [];
    sensors.forEach(function (s) {
      var c = s.feature.geometry.coordinates;
      items.push({ id: s.feature.properties.id, lat: c[1], lng: c[0] });
    });
    gauges.setItems(items);
  }

  /* ---------- the side list ---------- */

  function createRow(id) {
    var row = el('li', 'sensor-row');
    row.setAttribute('data-sensor-id', id);
    row.tabIndex = 0;
    var head = el('div', 'row-head');
    head.appendChild(el('span', 'swatch'));
    head.appendChild(el('span', 'sensor-name'));
    var badge = el('span', 'badge experimental', EXPERIMENTAL_LABEL);
    badge.hidden = true;
    head.appendChild(badge);
    head.appendChild(el('span', 'stage-label'));
    row.appendChild(head);
    var meta = el('div', 'row-meta');
    meta.appendChild(el('span', 'sensor-municipality'));
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(el('span', 'sensor-kind'));
    row.appendChild(meta);
    var latest = el('div', 'row-latest');
    latest.appendChild(el('span', 'latest-value'));
    latest.appendChild(el('time', 'latest-time'));
    row.appendChild(latest);
    onActivate(row, function () { select(id, true); });
    return row;
  }

  /* A list row acts on click, Enter and Space. */
  function onActivate(row, action) {
    row.addEventListener('click', action);
    row.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        action();
      }
    });
  }

  function renderRow(s) {
    var p = s.feature.properties;
    var row = s.row;
    row.setAttribute('data-kind', p.kind);
    row.setAttribute('data-has-data', p.latest ? 'true' : 'false');
    row.setAttribute('data-experimental', p.experimental ? 'true' : 'false');
    row.setAttribute('data-stage', s.stage);
    row.querySelector('.swatch').textContent = STAGES[s.stage].glyph;
    var label = row.querySelector('.stage-label');
    label.setAttribute('data-stage', s.stage);
    label.textContent = t('stage_' + s.stage);
    row.querySelector('.sensor-name').textContent = p.name;
    row.querySelector('.badge.experimental').hidden = !p.experimental;
    row.querySelector('.sensor-municipality').textContent = municipalityName(p);
    row.querySelector('.sensor-kind').textContent = t(p.kind) || p.kind;
    var value = row.querySelector('.latest-value');
    var time = row.querySelector('.latest-time');
    if (p.latest) {
      value.textContent = formatValue(p);
      value.setAttribute('data-value', String(p.latest.value));
      value.setAttribute('data-unit', p.latest.unit);
      time.textContent = formatTime(p.latest.time);
      time.setAttribute('datetime', p.latest.time);
    } else {
      value.textContent = t('noData');
      value.removeAttribute('data-value');
      value.removeAttribute('data-unit');
      time.textContent = '—';
      time.removeAttribute('datetime');
    }
  }

  function matchesQuery(p) {
    if (!query) return true;
    return [p.name, p.id, p.municipalityName, p.municipalityNameEn, p.municipality].some(function (v) {
      return v && String(v).toLowerCase().indexOf(query) >= 0;
    });
  }

  function scheduleList() {
    if (listTimer) return;
    listTimer = setTimeout(function () {
      listTimer = 0;
      renderList();
    }, 120);
  }

  /* At most LIST_LIMIT rows: worst first, then nearest to the map centre; rows exist only while shown. */
  function renderList() {
    var centre = map.getCenter();
    var cosLat = Math.cos(centre.lat * Math.PI / 180);
    var matched = [];
    sensors.forEach(function (s) {
      if (!matchesQuery(s.feature.properties)) return;
      var c = s.feature.geometry.coordinates;
      var dx = (c[0] - centre.lng) * cosLat, dy = c[1] - centre.lat;
      matched.push({ s: s, rank: STAGES[s.stage].rank, d: dx * dx + dy * dy });
    });
    matched.sort(function (a, b) { return (b.rank - a.rank) || (a.d - b.d); });
    var shown = matched.slice(0, LIST_LIMIT);
    var keep = new Set();
    var rows = shown.map(function (m) {
      var s = m.s;
      if (!s.row) {
        s.row = createRow(s.feature.properties.id);
        renderRow(s);
      }
      keep.add(s);
      return s.row;
    });
    sensors.forEach(function (s) {
      if (s.row && !keep.has(s)) s.row = null; /* dropped rows are made again when shown */
    });
    document.getElementById('sensor-list').replaceChildren.apply(document.getElementById('sensor-list'), rows);
    var note = document.getElementById('list-note');
    note.textContent = t('listShown')(shown.length, matched.length);
    note.setAttribute('data-shown', String(shown.length));
  }

  function updateSummary() {
    var withData = 0;
    sensors.forEach(function (s) { if (s.feature.properties.latest) withData++; });
    document.getElementById('sensor-summary').textContent = t('summary')(sensors.size, withData);
  }

  /* ---------- sensors ---------- */

  function isOlder(candidate, current) {
    var a = candidate.properties.latest;
    var b = current.properties.latest;
    return !!(a && b && Date.parse(a.time) < Date.parse(b.time));
  }

  /* Adds or updates one sensor; returns true when something changed. */
  function upsert(feature, live) {
    if (!feature || !feature.properties || !feature.geometry) return false;
    var id = feature.properties.id;
    var s = sensors.get(id);
    if (s && live && isOlder(feature, s.feature)) return false;
    if (!s) {
      s = { feature: feature, row: null, stage: null, style: null, flashUntil: 0 };
      sensors.set(id, s);
    }
    /* live events carry no stage thresholds: keep those of the collection */
    if (live && !feature.properties.stages && s.feature.properties.stages) {
      feature.properties.stages = s.feature.properties.stages;
    }
    s.feature = feature;
    if (live) s.flashUntil = Date.now() + 1600;
    refresh(s);
    if (live && s.row) restartFlash(s.row);
    return true;
  }

  function restartFlash(row) {
    row.classList.remove('flash');
    void row.offsetWidth; /* restart the CSS animation */
    row.classList.add('flash');
  }

  function loadSensors() {
    return fetch('api/v1/sensors', { headers: { Accept: 'application/geo+json' }, cache: 'no-cache' })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (collection) {
        var seen = new Set();
        var before = sensors.size;
        (collection.features || []).forEach(function (f) {
          seen.add(f.properties.id);
          upsert(f, false);
        });
        var removed = false;
        sensors.forEach(function (s, id) {
          if (!seen.has(id)) {
            sensors.delete(id);
            removed = true;
          }
        });
        if (removed || sensors.size !== before || !initialLoadDone) rebuildItems();
        gauges.redraw();
        showError(null);
        updateSummary();
        renderList();
        document.body.dataset.sensorCount = String(sensors.size);
      })
      .catch(function () { showError(t('loadError')); });
  }

  function showError(message) {
    var box = document.getElementById('load-error');
    box.textContent = message || '';
    box.hidden = !message;
  }

  /* ---------- the selected sensor: card and 24-hour chart ---------- */

  function select(id, fromList) {
    var s = sensors.get(id);
    if (!s) return;
    var previous = selected && sensors.get(selected.id);
    var to = Date.now();
    selected = { id: id, points: [], from: to - DAY_MS, to: to, state: 'loading' };
    if (previous) refresh(previous);
    refresh(s);
    if (fromList) {
      var c = s.feature.geometry.coordinates;
      map.setView([c[1], c[0]], Math.max(map.getZoom(), 13.5));
    }
    gauges.redraw();
    renderDetail();
    var url = 'api/v1/sensors/' + encodeURIComponent(id) + '/readings?from=' + new Date(selected.from).toISOString()
      + '&to=' + new Date(to + 60000).toISOString() + '&limit=10000';
    var asked = selected;
    fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (body) {
        if (selected !== asked) return;
        var quantity = s.feature.properties.latest ? s.feature.properties.latest.quantity : null;
        asked.points = (body.readings || [])
          .filter(function (r) { return !quantity || r.quantity === quantity; })
          .map(function (r) { return { t: Date.parse(r.time), v: r.value }; });
        asked.state = 'ready';
        renderDetail();
      })
      .catch(function () {
        if (selected !== asked) return;
        asked.state = 'error';
        renderDetail();
      });
  }

  function closeDetail() {
    var previous = selected && sensors.get(selected.id);
    selected = null;
    if (previous) refresh(previous);
    gauges.redraw();
    renderDetail();
  }

  function renderDetail() {
    var box = document.getElementById('detail');
    if (!selected || !sensors.get(selected.id)) {
      box.hidden = true;
      box.removeAttribute('data-sensor-id');
      return;
    }
    var s = sensors.get(selected.id);
    var p = s.feature.properties;
    box.hidden = false;
    box.setAttribute('data-sensor-id', p.id);
    box.setAttribute('data-stage', s.stage);
    box.querySelector('.detail-name').textContent = p.name;
    var label = box.querySelector('.stage-label');
    label.setAttribute('data-stage', s.stage);
    label.textContent = t('stage_' + s.stage);
    box.querySelector('.detail-experimental').hidden = !p.experimental;
    box.querySelector('.detail-experimental').textContent = t('experimentalLong');
    box.querySelector('.detail-meta').textContent = municipalityName(p) + ' (' + p.municipality + ') · '
      + (t(p.kind) || p.kind) + ' · ID ' + p.id;
    box.querySelector('.detail-latest').textContent = p.latest
      ? formatValue(p) + ' · ' + formatTime(p.latest.time) : t('noData');
    box.querySelector('.detail-close').textContent = t('close');
    var gauge = p.kind === 'RIVER_GAUGE';
    box.querySelector('.chart-title').textContent = gauge ? t('chartTitle') : t('chartTitleDepth');
    var stages = Object.keys(p.stages || {}).map(function (k) {
      var n = Number(k);
      return { stage: n, level: p.stages[k], label: t('riverStage')[n], color: STAGES[STAGE_CLASS[n]].color };
    });
    var note = box.querySelector('.chart-note');
    note.textContent = selected.state === 'loading' ? t('chartLoading')
      : selected.state === 'error' ? t('chartError')
        : gauge ? (stages.length ? t('stageLines') : t('noStages')) : '';
    window.KawamoriLevelChart.draw(box.querySelector('svg.level-chart'), {
      points: selected.points, from: selected.from, to: Math.max(selected.to, Date.now()),
      unit: p.latest ? p.latest.unit : 'm', stages: stages,
      tick: formatHour, value: metres, empty: selected.state === 'ready' ? t('chartEmpty') : ''
    });
  }

  /* A live reading of the selected sensor goes onto its chart. */
  function addToChart(feature) {
    if (!selected || selected.id !== feature.properties.id || !feature.properties.latest) return;
    var at = Date.parse(feature.properties.latest.time);
    var last = selected.points[selected.points.length - 1];
    if (!last || at > last.t) selected.points.push({ t: at, v: feature.properties.latest.value });
    selected.to = Math.max(selected.to, at);
    renderDetail();
  }

  /* ---------- alerts ---------- */

  /* One alert from the API (id, sequence, level, facts) or from a notice document (alertId, key, facts). */
  function alertOf(a) {
    var facts = a.facts || {};
    var id = a.alertId !== undefined ? a.alertId : a.id;
    var sequence = a.sequence !== undefined ? a.sequence : Number(String(a.key || '').split('-').pop());
    var level = Number(facts.stage || facts.step || a.level || 1);
    return {
      id: String(id), rule: a.rule, station: facts.station, name: facts['station-name'] || facts.station || '',
      level: level, sequence: sequence || 0, facts: facts, time: facts.time || a.changedAt || a.at
    };
  }

  function alertText(a) {
    if (a.rule === 'river-stage') {
      var name = t('riverStage')[Math.min(Math.max(a.level, 1), 5)];
      return a.facts['level-m'] ? name + '（' + a.facts['level-m'] + ' m）' : name;
    }
    if (a.rule === 'inundation') {
      var depth = Number(a.facts['depth-m']);
      return isNaN(depth) ? t('inundatedAny') : t('inundated')(Math.round(depth * 100));
    }
    if (a.rule === 'offline') return t('offline');
    return a.rule;
  }

  function renderAlert(a) {
    if (!a.row) {
      a.row = el('li', 'alert-row');
      a.row.tabIndex = 0;
      a.row.appendChild(el('span', 'stage-label'));
      a.row.appendChild(el('span', 'alert-name'));
      a.row.appendChild(el('time', 'alert-time'));
      a.row.appendChild(el('span', 'alert-state'));
      onActivate(a.row, function () { select(a.station, true); });
    }
    var stage = a.rule === 'offline' ? 'missing'
      : a.rule === 'inundation' ? (a.level >= 2 ? 'danger' : 'caution') : STAGE_CLASS[Math.min(a.level, 5)];
    a.row.setAttribute('data-alert-id', a.id);
    a.row.setAttribute('data-rule', a.rule);
    a.row.setAttribute('data-stage', stage);
    var label = a.row.querySelector('.stage-label');
    label.setAttribute('data-stage', stage);
    label.textContent = t('stage_' + stage);
    a.row.querySelector('.alert-name').textContent = a.name;
    a.row.querySelector('.alert-state').textContent = alertText(a);
    var time = a.row.querySelector('.alert-time');
    time.textContent = a.time ? formatTime(a.time) : '';
    if (a.time) time.setAttribute('datetime', a.time);
  }

  function renderAlerts() {
    alertsByStation = new Map();
    alerts.forEach(function (a) {
      if (!alertsByStation.has(a.station)) alertsByStation.set(a.station, []);
      alertsByStation.get(a.station).push(a);
    });
    var list = document.getElementById('alert-list');
    var sorted = Array.from(alerts.values()).sort(function (x, y) {
      return (y.level - x.level) || String(x.name).localeCompare(String(y.name), 'ja');
    });
    sorted.forEach(function (a) {
      renderAlert(a);
      list.appendChild(a.row);
    });
    document.getElementById('alert-empty').hidden = alerts.size > 0;
    document.getElementById('alert-panel').hidden = !alertsServed;
    document.body.dataset.alertCount = String(alerts.size);
  }

  /* Re-colours the sensors an alert is about. */
  function restyle(stationIds) {
    var moved = false;
    stationIds.forEach(function (id) {
      var s = sensors.get(id);
      if (s && refresh(s)) moved = true;
    });
    gauges.redraw();
    if (moved) scheduleList();
    if (selected && stationIds.has(selected.id)) renderDetail();
  }

  function loadAlerts() {
    return fetch('api/v1/alerts', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (r) {
        if (r.status === 404) {
          alertsServed = false; /* this instance has no alert store */
          return { alerts: [] };
        }
        if (!r.ok) throw new Error('HTTP ' + r.status);
        alertsServed = true;
        return r.json();
      })
      .then(function (body) {
        var touched = new Set();
        alerts.forEach(function (a) {
          touched.add(a.station);
          if (a.row) a.row.remove();
        });
        alerts.clear();
        (body.alerts || []).forEach(function (raw) {
          var a = alertOf(raw);
          alerts.set(a.id, a);
          touched.add(a.station);
        });
        renderAlerts();
        restyle(touched);
      })
      .catch(function () { /* the sensors stay as they are; the next resync tries again */ });
  }

  function applyAlert(notice) {
    var a = alertOf(notice);
    var current = alerts.get(a.id);
    if (current && current.sequence >= a.sequence) return; /* older than what is shown */
    if (notice.transition === 'cleared') {
      if (current) {
        if (current.row) current.row.remove();
        alerts.delete(a.id);
      }
    } else {
      if (current) a.row = current.row;
      alerts.set(a.id, a);
    }
    renderAlerts();
    restyle(new Set([a.station]));
    if (alerts.has(a.id) && a.row) restartFlash(a.row);
    showLastUpdate();
  }

  /* ---------- live updates (Server-Sent Events) ---------- */

  function setLive(state) {
    document.body.dataset.liveState = state;
    var key = { connecting: 'liveConnecting', connected: 'liveConnected', reconnecting: 'liveReconnecting', offline: 'liveOffline' }[state];
    document.getElementById('live-status-text').textContent = t(key);
  }

  /* Sensors and alerts anew (at start, after a reconnect, every RESYNC_MS); live events wait for it. */
  function catchUp() {
    return live.during(function () { return Promise.all([loadSensors(), loadAlerts()]); });
  }

  function applyReading(feature) {
    var isNew = feature && feature.properties && !sensors.has(feature.properties.id);
    if (upsert(feature, true)) {
      if (isNew) rebuildItems();
      gauges.redraw();
      setTimeout(function () { gauges.redraw(); }, 1700); /* the flash ring ends */
      updateSummary();
      scheduleList();
      addToChart(feature);
      if (selected && selected.id === feature.properties.id) renderDetail();
      document.body.dataset.sensorCount = String(sensors.size);
    }
    showLastUpdate();
  }

  function showLastUpdate() {
    var now = new Date().toISOString();
    document.getElementById('last-update').textContent = t('lastUpdate') + ' ' + formatTime(now);
    document.getElementById('last-update').setAttribute('data-time', now);
  }

  function connect() {
    if (!window.EventSource) {
      setLive('offline');
      return;
    }
    setLive(hadError ? 'reconnecting' : 'connecting');
    source = new EventSource('api/v1/events');
    source.addEventListener('open', function () {
      setLive('connected');
      if (hadError) {
        hadError = false;
        catchUp(); /* what was missed while disconnected */
      }
    });
    source.addEventListener('reading', live.handler(applyReading));
    source.addEventListener('alert', live.handler(applyAlert));
    source.addEventListener('error', function () {
      hadError = true;
      if (source.readyState === EventSource.CLOSED) {
        /* The server refused the stream (e.g. 503): EventSource gives up, so retry ourselves. */
        setLive('offline');
        source = null;
        setTimeout(connect, 10000);
      } else {
        setLive('reconnecting');
      }
    });
  }

  /* ---------- language ---------- */

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t('title') + ' | Kawamori';
    document.querySelectorAll('[data-i18n]').forEach(function (node) {
      var text = TEXT[lang][node.getAttribute('data-i18n')];
      if (typeof text === 'string') node.textContent = text;
    });
    document.getElementById('sensor-search').placeholder = t('searchPlaceholder');
    document.getElementById('sensor-search').setAttribute('aria-label', t('searchPlaceholder'));
    var button = document.getElementById('lang-toggle');
    button.textContent = t('toggle');
    button.lang = t('toggleLang');
    setLive(document.body.dataset.liveState || 'connecting');
    muniLabels.forEach(function (label) { label.span.textContent = labelText(label); });
    sensors.forEach(refresh);
    if (sensors.size > 0 || initialLoadDone) {
      updateSummary();
      renderList();
    }
    alerts.forEach(renderAlert);
    renderDetail();
    if (document.getElementById('last-update').hasAttribute('data-time')) {
      var at = document.getElementById('last-update').getAttribute('data-time');
      document.getElementById('last-update').textContent = t('lastUpdate') + ' ' + formatTime(at);
    }
    if (map) {
      buildLayerControl();
      gauges.redraw();
    }
  }

  function toggleLanguage() {
    lang = lang === 'ja' ? 'en' : 'ja';
    try {
      window.localStorage.setItem('kawamori.lang', lang);
    } catch (e) { /* private mode: the choice just is not remembered */ }
    applyLanguage();
  }

  /* ---------- start ---------- */

  function start() {
    createMap();
    applyLanguage();
    document.getElementById('lang-toggle').addEventListener('click', toggleLanguage);
    document.getElementById('sensor-search').addEventListener('input', function (e) {
      query = e.target.value.trim().toLowerCase();
      scheduleList();
    });
    document.querySelector('#detail .detail-close').addEventListener('click', closeDetail);
    connect();
    Promise.all([loadBoundaries(), catchUp()]).then(function () {
      initialLoadDone = true;
      live.open();
      if (document.body.dataset.sensorCount === undefined) document.body.dataset.sensorCount = String(sensors.size);
      renderList();
      document.body.dataset.ready = 'true';
    });
    setInterval(catchUp, RESYNC_MS);
  }

  /* Read-only hooks for the browser tests and the benchmark. */
  window.kawamoriMap = {
    styleOf: function (id) { return sensors.has(id) ? sensors.get(id).style : null; },
    screenPoint: function (id) {
      var d = gauges.drawnOf(id);
      return d ? { x: d.x, y: d.y, cluster: !!d.cluster, count: d.ids.length, stage: d.style.stage } : null;
    },
    stats: function () { return gauges.stats(); },
    zoomTo: function (lat, lng, zoom) { map.setView([lat, lng], zoom, { animate: false }); },
    select: function (id) { select(id, true); }
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
