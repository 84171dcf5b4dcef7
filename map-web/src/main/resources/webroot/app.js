/*
 * Kawamori map-web: the live flood-sensor map of the Kakogawa basin. Plain JS, no build step.
 *
 * Everything that comes from the API (names above all) is put into the page with textContent or as DOM
 * elements, never as HTML. Stable hooks for browser tests:
 *   li[data-sensor-id] > .latest-value / .latest-time, body[data-sensor-count], body[data-live-state],
 *   li[data-sensor-id][data-stage], li[data-alert-id], body[data-alert-count].
 * Active public alerts come from api/v1/alerts and live as `alert` events (the notice document of every
 * channel: alertId, key alert-<id>-<n>, transition, rule, facts); they colour the gauges by river stage.
 */
(function () {
  'use strict';

  var TEXT = {
    ja: {
      title: '加古川流域 水位・浸水センサ地図',
      subtitle: '流域自治体 共同ダッシュボード（Kawamori 川守り）',
      listTitle: '観測点一覧',
      legendData: 'データあり',
      legendNoData: 'データなし（欠測）',
      legendExperimental: '試験運用中のセンサ',
      noteTime: '時刻はすべて日本時間（JST）です。',
      noteExperimental: '「試験運用中」のセンサの値は参考値です。避難の判断は自治体の発表に従ってください。',
      liveConnecting: '接続中…',
      liveConnected: 'リアルタイム更新中',
      liveReconnecting: '再接続中…',
      liveOffline: '更新停止（再接続待ち）',
      lastUpdate: '最終受信',
      summary: function (n, withData) { return n + ' 地点（データあり ' + withData + '）'; },
      noData: 'データなし',
      municipality: '市町',
      kind: '種別',
      latest: '最新値',
      observedAt: '観測時刻',
      RIVER_GAUGE: '水位計',
      INUNDATION: '浸水センサ',
      level: '水位',
      depth: '浸水深',
      layerGsi: '地理院タイル（標準・要インターネット）',
      layerBoundaries: '市町境界',
      layerSensors: '観測点',
      loadError: '観測点を読み込めませんでした。しばらくして再読み込みしてください。',
      boundaryError: '市町境界を読み込めませんでした。',
      status: '状況',
      stage_normal: '平常',
      stage_standby: '水防団待機',
      stage_caution: '注意',
      stage_evacuate: '避難判断',
      stage_danger: '危険',
      stage_missing: '欠測',
      riverStage: ['', '水防団待機水位', '氾濫注意水位', '避難判断水位', '氾濫危険水位', '氾濫発生'],
      inundated: function (cm) { return '浸水 ' + cm + ' cm'; },
      inundatedAny: '浸水',
      offline: '欠測（受信が途絶えています）',
      alertsTitle: '発表中の警戒情報',
      alertsNone: '現在、警戒情報はありません。',
      toggle: 'English',
      toggleLang: 'en',
      locale: 'ja-JP'
    },
    en: {
      title: 'Kakogawa Basin Flood Sensor Map',
      subtitle: 'Shared dashboard of the basin municipalities (Kawamori)',
      listTitle: 'Sensors',
      legendData: 'Reporting',
      legendNoData: 'No data (missing)',
      legendExperimental: 'Experimental sensor',
      noteTime: 'All times are Japan Standard Time (JST).',
      noteExperimental: 'Values of experimental sensors are for reference only. Follow your municipality\'s announcements for evacuation.',
      liveConnecting: 'Connecting…',
      liveConnected: 'Live',
      liveReconnecting: 'Reconnecting…',
      liveOffline: 'Not updating (waiting to reconnect)',
      lastUpdate: 'Last received',
      summary: function (n, withData) { return n + ' sensors (' + withData + ' reporting)'; },
      noData: 'No data',
      municipality: 'Municipality',
      kind: 'Type',
      latest: 'Latest',
      observedAt: 'Observed',
      RIVER_GAUGE: 'River gauge',
      INUNDATION: 'Inundation sensor',
      level: 'water level',
      depth: 'inundation depth',
      layerGsi: 'GSI tiles (standard, needs internet)',
      layerBoundaries: 'Municipal boundaries',
      layerSensors: 'Sensors',
      loadError: 'Could not load the sensors. Please reload in a moment.',
      boundaryError: 'Could not load the municipal boundaries.',
      status: 'Status',
      stage_normal: 'Normal',
      stage_standby: 'Standby',
      stage_caution: 'Caution',
      stage_evacuate: 'Evacuation decision',
      stage_danger: 'Danger',
      stage_missing: 'Missing',
      riverStage: ['', 'Stage 1 standby level', 'Stage 2 flood warning level', 'Stage 3 evacuation decision level',
        'Stage 4 flood danger level', 'Stage 5 flooding'],
      inundated: function (cm) { return 'Inundated ' + cm + ' cm'; },
      inundatedAny: 'Inundated',
      offline: 'Missing (no reports)',
      alertsTitle: 'Active alerts',
      alertsNone: 'No active alerts.',
      toggle: '日本語',
      toggleLang: 'ja',
      locale: 'en-GB'
    }
  };

  /* English names of the basin municipalities, by the 5-digit code of the boundary data (N03_007). */
  var MUNICIPALITY_EN = {
    '28210': 'Kakogawa', '28213': 'Nishiwaki', '28215': 'Miki', '28216': 'Takasago', '28218': 'Ono',
    '28220': 'Kasai', '28228': 'Kato', '28365': 'Taka', '28381': 'Inami', '28382': 'Harima'
  };

  var EXPERIMENTAL_LABEL = '試験運用中 / experimental';
  var BOUNDARY_CREDIT = '出典：国土数値情報（行政区域データ）（国土交通省） / Source: MLIT National Land Numerical Information (Administrative Areas)';
  var GSI_CREDIT = '<a href="https://maps.gsi.go.jp/development/ichiran.html" target="_blank" rel="noopener noreferrer">地理院タイル</a>';
  var STAGE_COLOR = {
    normal: '#1565c0', standby: '#2e7d32', caution: '#f9a825', evacuate: '#e53935', danger: '#7b1fa2', missing: '#9aa5ad'
  };
  var STAGE_CLASS = ['normal', 'standby', 'caution', 'evacuate', 'danger', 'danger'];
  var COLOR_EXPERIMENTAL = '#e65100';
  var COLOR_FLASH = '#ffb300';
  var RESYNC_MS = 5 * 60 * 1000;

  var lang = storedLang();
  var sensors = new Map(); /* id -> { feature, marker, row, flashTimer } */
  var alerts = new Map(); /* alert id -> { id, rule, station, name, level, sequence, facts, time, row } */
  var alertsServed = true;
  var muniLabels = []; /* { layer, code, ja } */
  var map, boundaries, gsi, sensorLayer, layerControl;
  var initialLoadDone = false;
  var pending = [];
  var pendingAlerts = [];
  var source = null;
  var hadError = false;

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

  function formatTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '—';
    return new Intl.DateTimeFormat(t('locale'), {
      timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hour12: false
    }).format(d) + ' JST';
  }

  function formatValue(latest) {
    var n = new Intl.NumberFormat(t('locale'), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return n.format(latest.value) + ' ' + latest.unit;
  }

  function municipalityName(p) {
    var name = lang === 'en' ? (p.municipalityNameEn || p.municipalityName) : p.municipalityName;
    return name || p.municipality;
  }

  /* ---------- map ---------- */

  function createMap() {
    map = L.map('map', { maxZoom: 18, minZoom: 8, zoomSnap: 0.25, zoomControl: true });
    map.setView([34.86, 134.93], 10);
    L.control.scale({ imperial: false }).addTo(map);
    gsi = L.tileLayer('https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png', {
      attribution: GSI_CREDIT, minZoom: 5, maxZoom: 18, maxNativeZoom: 18
    });
    boundaries = L.geoJSON(null, {
      attribution: BOUNDARY_CREDIT,
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
    sensorLayer = L.featureGroup().addTo(map);
    buildLayerControl();
  }

  function labelText(label) {
    return lang === 'en' ? (MUNICIPALITY_EN[label.code] || label.ja) : label.ja;
  }

  function buildLayerControl() {
    if (layerControl) layerControl.remove();
    var overlays = {};
    overlays[t('layerGsi')] = gsi;
    overlays[t('layerBoundaries')] = boundaries;
    overlays[t('layerSensors')] = sensorLayer;
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
        boundaries.bringToBack();
        map.fitBounds(boundaries.getBounds(), { padding: [12, 12] });
      })
      .catch(function () { showError(t('boundaryError')); });
  }

  /* ---------- sensors ---------- */

  function markerStyle(p) {
    var stage = stageOf(p);
    return {
      radius: 8,
      color: p.experimental ? COLOR_EXPERIMENTAL : '#ffffff',
      weight: p.experimental ? 2.5 : 2,
      dashArray: p.experimental ? '3 3' : null,
      fillColor: STAGE_COLOR[stage],
      fillOpacity: stage === 'missing' ? 0.8 : 0.95
    };
  }

  /* The sensor's stage class from its active public alerts: 欠測 first, then the river stage or depth step. */
  function stageOf(p) {
    var stage = p.latest ? 'normal' : 'missing';
    var worst = 0;
    alerts.forEach(function (a) {
      if (a.station !== p.id) return;
      if (a.rule === 'offline') stage = 'missing';
      var rank = a.rule === 'river-stage' ? Math.min(a.level, 5) : a.rule === 'inundation' ? (a.level >= 2 ? 4 : 2) : 0;
      if (rank > worst) worst = rank;
    });
    return stage === 'missing' ? 'missing' : STAGE_CLASS[worst];
  }

  function sensorCard(feature) {
    var p = feature.properties;
    var card = el('div', 'sensor-card');
    card.appendChild(el('div', 'card-title', p.name));
    if (p.experimental) card.appendChild(el('span', 'badge experimental', EXPERIMENTAL_LABEL));
    var dl = el('dl');
    function row(term, value, cls) {
      dl.appendChild(el('dt', null, term));
      dl.appendChild(el('dd', cls, value));
    }
    row(t('municipality'), municipalityName(p) + ' (' + p.municipality + ')');
    row(t('kind'), t(p.kind) || p.kind);
    row(t('status'), t('stage_' + stageOf(p)));
    if (p.latest) {
      row(t('latest'), formatValue(p.latest) + (TEXT[lang][p.latest.quantity] ? ' (' + t(p.latest.quantity) + ')' : ''), 'card-value');
      row(t('observedAt'), formatTime(p.latest.time));
    } else {
      row(t('latest'), t('noData'), 'card-value');
    }
    card.appendChild(dl);
    card.appendChild(el('div', 'card-id', 'ID: ' + p.id));
    return card;
  }

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
    onActivate(row, function () { focusSensor(id); });
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
    var stage = stageOf(p);
    row.setAttribute('data-stage', stage);
    var label = row.querySelector('.stage-label');
    label.setAttribute('data-stage', stage);
    label.textContent = t('stage_' + stage);
    row.querySelector('.sensor-name').textContent = p.name;
    row.querySelector('.badge.experimental').hidden = !p.experimental;
    row.querySelector('.sensor-municipality').textContent = municipalityName(p);
    row.querySelector('.sensor-kind').textContent = t(p.kind) || p.kind;
    var value = row.querySelector('.latest-value');
    var time = row.querySelector('.latest-time');
    if (p.latest) {
      value.textContent = formatValue(p.latest);
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

  function renderMarker(s) {
    var p = s.feature.properties;
    var c = s.feature.geometry.coordinates;
    s.marker.setLatLng([c[1], c[0]]);
    if (!s.flashTimer) s.marker.setStyle(markerStyle(p));
    if (s.marker.isTooltipOpen()) s.marker.getTooltip().update();
    if (s.marker.isPopupOpen()) s.marker.getPopup().update();
  }

  function createSensor(feature) {
    var id = feature.properties.id;
    var c = feature.geometry.coordinates;
    var s = { feature: feature, row: createRow(id), flashTimer: null };
    s.marker = L.circleMarker([c[1], c[0]], markerStyle(feature.properties));
    s.marker.bindTooltip(function () { return sensorCard(s.feature); }, { direction: 'top', offset: [0, -8] });
    s.marker.bindPopup(function () { return sensorCard(s.feature); });
    s.marker.on('click', function () { highlightRow(id); });
    s.marker.addTo(sensorLayer);
    return s;
  }

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
    var added = !s;
    if (added) {
      s = createSensor(feature);
      sensors.set(id, s);
    }
    s.feature = feature;
    renderRow(s);
    renderMarker(s);
    if (added) sortRows();
    if (live) flash(s);
    return true;
  }

  function sortRows() {
    var list = document.getElementById('sensor-list');
    Array.from(sensors.values())
      .sort(function (a, b) {
        var pa = a.feature.properties, pb = b.feature.properties;
        if (pa.municipality !== pb.municipality) return pa.municipality < pb.municipality ? -1 : 1;
        return pa.name.localeCompare(pb.name, 'ja');
      })
      .forEach(function (s) { list.appendChild(s.row); });
  }

  function restartFlash(row) {
    row.classList.remove('flash');
    void row.offsetWidth; /* restart the CSS animation */
    row.classList.add('flash');
  }

  function flash(s) {
    restartFlash(s.row);
    if (s.flashTimer) clearTimeout(s.flashTimer);
    s.marker.setStyle({ color: COLOR_FLASH, weight: 4, dashArray: null });
    s.marker.setRadius(11);
    s.flashTimer = setTimeout(function () {
      s.flashTimer = null;
      s.marker.setRadius(8);
      s.marker.setStyle(markerStyle(s.feature.properties));
    }, 1600);
  }

  function focusSensor(id) {
    var s = sensors.get(id);
    if (!s) return;
    map.setView(s.marker.getLatLng(), Math.max(map.getZoom(), 12));
    s.marker.openPopup();
    highlightRow(id);
  }

  function highlightRow(id) {
    var s = sensors.get(id);
    if (!s) return;
    s.row.scrollIntoView({ block: 'nearest' });
    restartFlash(s.row);
  }

  function updateSummary() {
    var withData = 0;
    sensors.forEach(function (s) { if (s.feature.properties.latest) withData++; });
    document.getElementById('sensor-summary').textContent = t('summary')(sensors.size, withData);
  }

  function loadSensors() {
    return fetch('api/v1/sensors', { headers: { Accept: 'application/geo+json' }, cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (collection) {
        var seen = new Set();
        (collection.features || []).forEach(function (f) {
          seen.add(f.properties.id);
          upsert(f, false);
        });
        sensors.forEach(function (s, id) {
          if (!seen.has(id)) {
            sensorLayer.removeLayer(s.marker);
            s.row.remove();
            sensors.delete(id);
          }
        });
        showError(null);
        updateSummary();
        document.body.dataset.sensorCount = String(sensors.size);
      })
      .catch(function () { showError(t('loadError')); });
  }

  function showError(message) {
    var box = document.getElementById('load-error');
    box.textContent = message || '';
    box.hidden = !message;
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
      onActivate(a.row, function () { focusSensor(a.station); });
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
    stationIds.forEach(function (id) {
      var s = sensors.get(id);
      if (!s) return;
      renderRow(s);
      renderMarker(s);
    });
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
    restyle([a.station]);
    if (alerts.has(a.id) && a.row) restartFlash(a.row);
    showLastUpdate();
  }

  /* ---------- live updates (Server-Sent Events) ---------- */

  function setLive(state) {
    document.body.dataset.liveState = state;
    var key = { connecting: 'liveConnecting', connected: 'liveConnected', reconnecting: 'liveReconnecting', offline: 'liveOffline' }[state];
    document.getElementById('live-status-text').textContent = t(key);
  }

  /* An event listener for JSON events: held in `queue` until the first load is done, then applied. */
  function liveHandler(queue, apply) {
    return function (event) {
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (initialLoadDone) {
        apply(data);
      } else {
        queue.push(data);
      }
    };
  }

  function applyReading(feature) {
    if (upsert(feature, true)) {
      updateSummary();
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
        loadSensors(); /* catch up on what was missed while disconnected */
        loadAlerts();
      }
    });
    source.addEventListener('reading', liveHandler(pending, applyReading));
    source.addEventListener('alert', liveHandler(pendingAlerts, applyAlert));
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
    var button = document.getElementById('lang-toggle');
    button.textContent = t('toggle');
    button.lang = t('toggleLang');
    setLive(document.body.dataset.liveState || 'connecting');
    muniLabels.forEach(function (label) { label.span.textContent = labelText(label); });
    sensors.forEach(function (s) {
      renderRow(s);
      renderMarker(s);
    });
    if (sensors.size > 0 || initialLoadDone) updateSummary();
    alerts.forEach(renderAlert);
    if (document.getElementById('last-update').hasAttribute('data-time')) {
      var at = document.getElementById('last-update').getAttribute('data-time');
      document.getElementById('last-update').textContent = t('lastUpdate') + ' ' + formatTime(at);
    }
    if (map) buildLayerControl();
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
    connect();
    Promise.all([loadBoundaries(), loadSensors(), loadAlerts()]).then(function () {
      initialLoadDone = true;
      pending.splice(0).forEach(applyReading);
      pendingAlerts.splice(0).forEach(applyAlert);
      if (document.body.dataset.sensorCount === undefined) document.body.dataset.sensorCount = String(sensors.size);
      if (sensors.size > 0 && boundaries.getLayers().length === 0) {
        map.fitBounds(sensorLayer.getBounds(), { padding: [40, 40], maxZoom: 13 });
      }
    });
    setInterval(function () {
      loadSensors();
      loadAlerts();
    }, RESYNC_MS);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
