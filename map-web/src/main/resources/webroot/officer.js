/*
 * Kawamori officer console (防災担当コンソール): the basin's gauges, the open alerts with acknowledge,
 * device health, upstream warnings and declared searches, live over /api/v1/officer/events.
 * Plain JS, no build step, no shared code with the public page (app.js).
 *
 * Everything that comes from the API (station names above all) is put into the page with textContent,
 * never as HTML. Stable hooks for browser tests:
 *   body[data-ready], body[data-live-state], body[data-alert-count], body[data-search-count],
 *   body[data-trail-count] (sightings drawn), body[data-held-events] (live events waiting for a snapshot load), li[data-alert-id][data-state][data-severity] > button.ack,
 *   li[data-sensor-id][data-stage] > .latest-value, li[data-device-id], li[data-search-id] > button.trail.
 */
(function () {
  'use strict';

  var TEXT = {
    ja: {
      title: '防災担当コンソール',
      subtitle: '加古川流域（Kawamori 川守り）',
      who: function (name, login) { return name + ' 防災担当 ' + login; },
      liveConnecting: '接続中…',
      liveConnected: 'リアルタイム更新中',
      liveReconnecting: '再接続中…',
      liveOffline: '更新停止（再接続待ち）',
      sound: '重大な警戒で音を鳴らす',
      logout: 'ログアウト',
      newCritical: '新しい重大な警戒',
      dismiss: '確認',
      stage_normal: '平常',
      stage_standby: '水防団待機水位',
      stage_caution: '氾濫注意水位',
      stage_evacuate: '避難判断水位',
      stage_danger: '氾濫危険水位',
      stage_flooding: '氾濫発生',
      stage_missing: '欠測',
      legendOwn: '自市町の観測点（太枠）',
      legendTrail: '捜索中のタグの軌跡',
      alertsTitle: '発表中の警戒',
      alertsNone: '現在、発表中の警戒はありません。',
      alertSummary: function (n, own) { return n + ' 件（自市町 ' + own + '）'; },
      upstreamTitle: '上流警戒',
      upstreamNone: '上流からの警戒はありません。',
      searchTitle: '捜索（見守りタグ）',
      searchNone: '宣言中の捜索はありません。',
      searchName: function (id) { return '捜索 #' + id; },
      declaredAt: '宣言',
      showTrail: '軌跡を表示',
      auditNote: 'この軌跡の閲覧は監査ログに記録されます（捜索の目的以外で閲覧しないでください）。',
      trailInfo: function (n, at) { return '検知 ' + n + ' 件（' + at + ' に読込・記録済み）'; },
      trailNews: '新しい検知があります。',
      trailRefresh: '軌跡を再読込（記録されます）',
      trailClose: '軌跡を閉じる',
      trailEnded: '捜索は終了しました。軌跡は表示されません。',
      trailPoint: function (at, m) { return at + '（精度 約' + m + ' m）'; },
      devicesTitle: '機器の状態',
      devicesNone: '欠測・電池残量低下の機器はありません。',
      deviceSummary: function (s) { return '欠測 ' + s.missing + ' / 電池低下 ' + s.batteryLow + ' / 全 ' + s.total; },
      missingSince: function (last, due) { return '欠測（最終受信 ' + last + '、予定 ' + due + '）'; },
      battery: function (p) { return '電池 ' + p + '%'; },
      batteryLow: function (p) { return '電池残量低下 ' + p + '%'; },
      gaugesTitle: '観測点（自市町を先頭に）',
      gaugeSummary: function (n, own) { return n + ' 地点（自市町 ' + own + '）'; },
      noData: 'データなし',
      experimental: '試験運用',
      severity_critical: '重大',
      severity_warning: '警戒',
      severity_info: '情報',
      state_open: '未確認',
      state_acknowledged: '確認済み',
      ackBy: function (by) { return '確認済み（' + by + '）'; },
      ack: '確認する',
      ackFailed: '確認できませんでした：',
      rule_offline: '欠測',
      'rule_battery-low': '電池残量低下',
      'rule_suspect-value': '異常値の疑い',
      'rule_rate-of-rise': '急激な水位上昇',
      rule_inundation: '浸水',
      'rule_upstream-warning': '上流警戒',
      inundated: function (cm) { return '浸水 ' + cm + ' cm'; },
      upstreamOf: function (name, stage) { return '上流 ' + name + '：' + stage; },
      level: '水位',
      depth: '浸水深',
      loadError: '読み込めませんでした。自動で再試行します。',
      layerGsi: '地理院タイル（標準・要インターネット）',
      layerBoundaries: '市町境界',
      layerSensors: '観測点',
      layerTrail: '捜索の軌跡',
      noteTime: '時刻はすべて日本時間（JST）です。',
      toggle: 'English',
      toggleLang: 'en',
      locale: 'ja-JP'
    },
    en: {
      title: 'Disaster officer console',
      subtitle: 'Kakogawa basin (Kawamori)',
      who: function (name, login) { return name + ' officer ' + login; },
      liveConnecting: 'Connecting…',
      liveConnected: 'Live',
      liveReconnecting: 'Reconnecting…',
      liveOffline: 'Not updating (waiting to reconnect)',
      sound: 'Sound on critical alerts',
      logout: 'Log out',
      newCritical: 'New critical alert',
      dismiss: 'Seen',
      stage_normal: 'Normal',
      stage_standby: 'Standby level (水防団待機水位)',
      stage_caution: 'Flood warning level (氾濫注意水位)',
      stage_evacuate: 'Evacuation decision level (避難判断水位)',
      stage_danger: 'Flood danger level (氾濫危険水位)',
      stage_flooding: 'Flooding (氾濫発生)',
      stage_missing: 'Missing (欠測)',
      legendOwn: 'Own municipality (thick outline)',
      legendTrail: 'Trail of a searched tag',
      alertsTitle: 'Open alerts',
      alertsNone: 'No open alerts.',
      alertSummary: function (n, own) { return n + ' (own municipality ' + own + ')'; },
      upstreamTitle: 'Upstream warnings (上流警戒)',
      upstreamNone: 'No upstream warnings.',
      searchTitle: 'Searches (watch tags)',
      searchNone: 'No declared search.',
      searchName: function (id) { return 'Search #' + id; },
      declaredAt: 'declared',
      showTrail: 'Show trail',
      auditNote: 'Reading this trail is written to the audit log (read it for the search only).',
      trailInfo: function (n, at) { return n + ' sightings (read and logged at ' + at + ')'; },
      trailNews: 'There are new sightings.',
      trailRefresh: 'Read the trail again (logged)',
      trailClose: 'Close the trail',
      trailEnded: 'The search has ended; its trail is no longer shown.',
      trailPoint: function (at, m) { return at + ' (accuracy about ' + m + ' m)'; },
      devicesTitle: 'Device health',
      devicesNone: 'No missing sensor, no low battery.',
      deviceSummary: function (s) { return 'missing ' + s.missing + ' / low battery ' + s.batteryLow + ' / all ' + s.total; },
      missingSince: function (last, due) { return 'Missing (last report ' + last + ', due ' + due + ')'; },
      battery: function (p) { return 'battery ' + p + '%'; },
      batteryLow: function (p) { return 'Low battery ' + p + '%'; },
      gaugesTitle: 'Sensors (own municipality first)',
      gaugeSummary: function (n, own) { return n + ' sensors (own ' + own + ')'; },
      noData: 'No data',
      experimental: 'experimental',
      severity_critical: 'Critical',
      severity_warning: 'Warning',
      severity_info: 'Info',
      state_open: 'Not acknowledged',
      state_acknowledged: 'Acknowledged',
      ackBy: function (by) { return 'Acknowledged (' + by + ')'; },
      ack: 'Acknowledge',
      ackFailed: 'Could not acknowledge: ',
      rule_offline: 'Missing (欠測)',
      'rule_battery-low': 'Low battery',
      'rule_suspect-value': 'Suspect value',
      'rule_rate-of-rise': 'Rapid rise',
      rule_inundation: 'Inundation',
      'rule_upstream-warning': 'Upstream warning (上流警戒)',
      inundated: function (cm) { return 'Inundated ' + cm + ' cm'; },
      upstreamOf: function (name, stage) { return 'Upstream ' + name + ': ' + stage; },
      level: 'water level',
      depth: 'inundation depth',
      loadError: 'Could not load; retrying by itself.',
      layerGsi: 'GSI tiles (standard, needs internet)',
      layerBoundaries: 'Municipal boundaries',
      layerSensors: 'Sensors',
      layerTrail: 'Search trail',
      noteTime: 'All times are Japan Standard Time (JST).',
      toggle: '日本語',
      toggleLang: 'ja',
      locale: 'en-GB'
    }
  };

  /* The basin's municipalities by the first five digits of their code (the boundary data's N03_007). */
  var MUNICIPALITIES = {
    '28210': ['加古川市', 'Kakogawa'], '28213': ['西脇市', 'Nishiwaki'], '28215': ['三木市', 'Miki'],
    '28216': ['高砂市', 'Takasago'], '28218': ['小野市', 'Ono'], '28220': ['加西市', 'Kasai'],
    '28228': ['加東市', 'Kato'], '28365': ['多可町', 'Taka'], '28381': ['稲美町', 'Inami'],
    '28382': ['播磨町', 'Harima']
  };
  var STAGES = ['normal', 'standby', 'caution', 'evacuate', 'danger', 'flooding'];
  var STAGE_COLOR = {
    normal: '#1565c0', standby: '#2e7d32', caution: '#f9a825', evacuate: '#e53935', danger: '#7b1fa2',
    flooding: '#212121', missing: '#78909c'
  };
  var SEVERITY_RANK = { critical: 3, warning: 2, info: 1 };
  var BOUNDARY_CREDIT = '出典：国土数値情報（行政区域データ）（国土交通省） / Source: MLIT National Land Numerical Information (Administrative Areas)';
  var GSI_CREDIT = '<a href="https://maps.gsi.go.jp/development/ichiran.html" target="_blank" rel="noopener noreferrer">地理院タイル</a>';
  var RESYNC_MS = 5 * 60 * 1000;

  var lang = storedLang();
  var me = null; /* { login, municipality, csrf } */
  var sensors = new Map(); /* id -> { feature, marker, row } */
  var alerts = new Map(); /* id -> alert */
  var searches = new Map(); /* id -> search */
  var devices = { summary: null, list: [] };
  var trail = null; /* { id, layer, count, readAt, news } */
  var map, boundaries, gsi, sensorLayer, trailLayer, layerControl;
  var muniLabels = [];
  var source = null, hadError = false;
  var live = KawamoriLiveEvents.create(); /* holds live events while a snapshot loads */
  var deviceTimer = null, soundOn = false, audio = null;

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

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function formatTime(iso, withDate) {
    var d = new Date(iso);
    if (!iso || isNaN(d.getTime())) return '—';
    var options = { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false };
    if (withDate !== false) {
      options.month = '2-digit';
      options.day = '2-digit';
    }
    return new Intl.DateTimeFormat(t('locale'), options).format(d);
  }

  function municipalityName(code) {
    var m = MUNICIPALITIES[String(code || '').substring(0, 5)];
    return m ? m[lang === 'en' ? 1 : 0] : (code || '');
  }

  function own(code) { return me && code === me.municipality; }

  function api(path, options) {
    options = options || {};
    options.credentials = 'same-origin';
    options.cache = 'no-store';
    options.headers = options.headers || {};
    if (options.method && options.method !== 'GET') options.headers['X-CSRF-Token'] = me ? me.csrf : '';
    return fetch(path, options).then(function (r) {
      if (r.status === 401) {
        toLogin();
        throw new Error('logged out');
      }
      return r;
    });
  }

  function json(path) {
    return api(path, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }

  function toLogin() {
    window.location.replace('/login.html?next=' + encodeURIComponent('/officer.html'));
  }

  function showError(on) {
    var box = document.getElementById('load-error');
    box.textContent = on ? t('loadError') : '';
    box.hidden = !on;
  }

  /* ---------- map ---------- */

  function createMap() {
    map = L.map('map', { maxZoom: 18, minZoom: 8, zoomSnap: 0.25 });
    map.setView([34.86, 134.93], 10);
    L.control.scale({ imperial: false }).addTo(map);
    gsi = L.tileLayer('https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png', {
      attribution: GSI_CREDIT, minZoom: 5, maxZoom: 18
    });
    boundaries = L.geoJSON(null, {
      attribution: BOUNDARY_CREDIT,
      style: boundaryStyle,
      onEachFeature: function (feature, layer) {
        var p = feature.properties || {};
        var label = { code: p.N03_007, ja: p.N03_004, span: el('span', null, '') };
        label.span.textContent = labelText(label);
        layer.bindTooltip(label.span, { permanent: true, direction: 'center', className: 'muni-label', interactive: false });
        muniLabels.push(label);
      }
    }).addTo(map);
    sensorLayer = L.featureGroup().addTo(map);
    trailLayer = L.featureGroup().addTo(map);
    buildLayerControl();
  }

  function boundaryStyle(feature) {
    var mine = me && feature && feature.properties && me.municipality.indexOf(feature.properties.N03_007) === 0;
    return { color: mine ? '#0b3c5d' : '#7b8a95', weight: mine ? 3 : 1, fillColor: mine ? '#fffdf2' : '#eef1f3', fillOpacity: 0.92 };
  }

  function labelText(label) {
    return MUNICIPALITIES[label.code] ? municipalityName(label.code) : label.ja;
  }

  function buildLayerControl() {
    if (layerControl) layerControl.remove();
    var overlays = {};
    overlays[t('layerGsi')] = gsi;
    overlays[t('layerBoundaries')] = boundaries;
    overlays[t('layerSensors')] = sensorLayer;
    overlays[t('layerTrail')] = trailLayer;
    layerControl = L.control.layers(null, overlays, { collapsed: true }).addTo(map);
  }

  function loadBoundaries() {
    return fetch('geo/kakogawa-basin.geojson').then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(function (geo) {
      boundaries.addData(geo);
      boundaries.bringToBack();
      map.fitBounds(boundaries.getBounds(), { padding: [8, 8] });
    }).catch(function () { /* the gauges are drawn all the same */ });
  }

  /* ---------- gauges ---------- */

  /* The sensor's stage from the open alerts: 欠測 first, then the river stage or inundation step. */
  function stageOf(p) {
    var missing = !p.latest, worst = 0;
    alerts.forEach(function (a) {
      if (a.station !== p.id || a.rule === 'upstream-warning') return;
      if (a.rule === 'offline') missing = true;
      var rank = a.rule === 'river-stage' ? Math.min(a.level, 5) : a.rule === 'inundation' ? (a.level >= 2 ? 4 : 2) : 0;
      if (rank > worst) worst = rank;
    });
    return missing ? 'missing' : STAGES[worst];
  }

  function markerStyle(p) {
    var stage = stageOf(p), mine = own(p.municipality);
    return {
      radius: mine ? 10 : 7,
      color: mine ? '#111' : '#ffffff',
      weight: mine ? 3 : 1.5,
      dashArray: p.experimental ? '3 3' : null,
      fillColor: STAGE_COLOR[stage],
      fillOpacity: mine ? 0.95 : 0.75
    };
  }

  function valueText(latest) {
    if (!latest) return t('noData');
    var n = new Intl.NumberFormat(t('locale'), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return n.format(latest.value) + ' ' + latest.unit;
  }

  function sensorCard(s) {
    var p = s.feature.properties;
    var card = el('div', 'sensor-card');
    card.appendChild(el('div', 'card-title', p.name));
    card.appendChild(el('div', null, municipalityName(p.municipality) + (p.experimental ? ' · ' + t('experimental') : '')));
    card.appendChild(el('div', 'card-stage', t('stage_' + stageOf(p))));
    card.appendChild(el('div', 'card-value', valueText(p.latest) + (p.latest ? ' · ' + formatTime(p.latest.time) : '')));
    return card;
  }

  function createSensor(feature) {
    var id = feature.properties.id, c = feature.geometry.coordinates;
    var s = { feature: feature };
    s.marker = L.circleMarker([c[1], c[0]], markerStyle(feature.properties));
    s.marker.bindTooltip(function () { return sensorCard(s); }, { direction: 'top', offset: [0, -8] });
    s.marker.addTo(sensorLayer);
    s.row = el('li', 'gauge-row');
    s.row.setAttribute('data-sensor-id', id);
    s.row.tabIndex = 0;
    ['stage-label', 'sensor-name', 'sensor-municipality', 'latest-value', 'latest-time'].forEach(function (cls) {
      s.row.appendChild(el('span', cls));
    });
    s.row.addEventListener('click', function () { focusSensor(id); });
    return s;
  }

  function renderSensor(s) {
    var p = s.feature.properties, stage = stageOf(p);
    s.row.setAttribute('data-stage', stage);
    s.row.classList.toggle('own', !!own(p.municipality));
    var label = s.row.querySelector('.stage-label');
    label.setAttribute('data-stage', stage);
    label.textContent = t('stage_' + stage);
    s.row.querySelector('.sensor-name').textContent = p.name + (p.experimental ? '（' + t('experimental') + '）' : '');
    s.row.querySelector('.sensor-municipality').textContent = municipalityName(p.municipality);
    var value = s.row.querySelector('.latest-value');
    value.textContent = valueText(p.latest);
    if (p.latest) value.setAttribute('data-value', String(p.latest.value));
    s.row.querySelector('.latest-time').textContent = p.latest ? formatTime(p.latest.time) : '';
    var c = s.feature.geometry.coordinates;
    s.marker.setLatLng([c[1], c[0]]);
    s.marker.setStyle(markerStyle(p));
    if (s.marker.isTooltipOpen()) s.marker.getTooltip().update();
  }

  function sortGauges() {
    var list = document.getElementById('gauge-list');
    Array.from(sensors.values()).sort(function (a, b) {
      var pa = a.feature.properties, pb = b.feature.properties;
      var oa = own(pa.municipality) ? 0 : 1, ob = own(pb.municipality) ? 0 : 1;
      if (oa !== ob) return oa - ob;
      if (pa.municipality !== pb.municipality) return pa.municipality < pb.municipality ? -1 : 1;
      return pa.name.localeCompare(pb.name, 'ja');
    }).forEach(function (s) { list.appendChild(s.row); });
    var mine = 0;
    sensors.forEach(function (s) { if (own(s.feature.properties.municipality)) mine++; });
    document.getElementById('gauge-summary').textContent = t('gaugeSummary')(sensors.size, mine);
  }

  function upsertSensor(feature, live) {
    if (!feature || !feature.properties || !feature.geometry) return;
    var id = feature.properties.id, s = sensors.get(id), added = !s;
    if (s && live && s.feature.properties.latest && feature.properties.latest &&
        Date.parse(feature.properties.latest.time) < Date.parse(s.feature.properties.latest.time)) return;
    if (added) {
      s = createSensor(feature);
      sensors.set(id, s);
    }
    s.feature = feature;
    renderSensor(s);
    if (added) sortGauges();
    if (live) flash(s.row);
  }

  function focusSensor(id) {
    var s = sensors.get(id);
    if (!s) return;
    map.setView(s.marker.getLatLng(), Math.max(map.getZoom(), 12));
    s.marker.openTooltip();
    s.row.scrollIntoView({ block: 'nearest' });
    flash(s.row);
  }

  /* A short highlight; the class is taken off by time, as a hidden tab may not run the animation. */
  function flash(row) {
    row.classList.remove('flash');
    void row.offsetWidth;
    row.classList.add('flash');
    clearTimeout(row.flashTimer);
    row.flashTimer = setTimeout(function () { row.classList.remove('flash'); }, 1700);
  }

  function loadSensors() {
    return json('api/v1/sensors').then(function (collection) {
      var seen = new Set();
      (collection.features || []).forEach(function (f) {
        seen.add(f.properties.id);
        upsertSensor(f, false);
      });
      sensors.forEach(function (s, id) {
        if (!seen.has(id)) {
          sensorLayer.removeLayer(s.marker);
          s.row.remove();
          sensors.delete(id);
        }
      });
      sortGauges();
    });
  }

  function restyle(ids) {
    ids.forEach(function (id) {
      var s = sensors.get(id);
      if (s) renderSensor(s);
    });
  }

  /* ---------- alerts ---------- */

  /* An alert from the API (id, state, municipality…) or from a notice document (alertId, key, audience…). */
  function alertOf(a, current) {
    var facts = a.facts || {};
    var fromNotice = a.alertId !== undefined;
    var state = fromNotice ? stateAfter(a.transition, current) : a.state;
    return {
      id: String(fromNotice ? a.alertId : a.id),
      rule: a.rule,
      municipality: fromNotice
        ? (a.audience && a.audience.municipality) || (current && current.municipality) || facts.municipality
        : a.municipality,
      severity: a.severity || 'info',
      state: state,
      station: facts.station,
      name: facts['station-name'] || (current && current.name) || sensorName(facts.station) || facts.station || '',
      level: Number(facts.stage || facts.step || a.level || 1),
      sequence: fromNotice ? Number(String(a.key || '').split('-').pop()) : a.sequence,
      facts: facts,
      time: fromNotice ? a.at : a.changedAt,
      row: current ? current.row : null
    };
  }

  function sensorName(id) {
    var s = id && sensors.get(id);
    return s ? s.feature.properties.name : null;
  }

  function stateAfter(transition, current) {
    if (transition === 'acknowledged') return 'acknowledged';
    if (transition === 'opened' || transition === 'escalated') return 'open';
    return current ? current.state : 'open';
  }

  function stageName(level) { return t('stage_' + STAGES[Math.min(Math.max(level, 1), 5)]); }

  function alertText(a) {
    if (a.rule === 'river-stage') {
      return stageName(a.level) + (a.facts['level-m'] ? '（' + a.facts['level-m'] + ' m）' : '');
    }
    if (a.rule === 'upstream-warning') return t('upstreamOf')(a.name, stageName(a.level));
    if (a.rule === 'inundation') {
      var depth = Number(a.facts['depth-m']);
      return isNaN(depth) ? t('rule_inundation') : t('inundated')(Math.round(depth * 100));
    }
    if (a.rule === 'battery-low' && a.facts['battery-percent']) return t('batteryLow')(a.facts['battery-percent']);
    return t('rule_' + a.rule) || a.rule;
  }

  function renderAlert(a) {
    if (!a.row) {
      a.row = el('li', 'alert-row');
      var head = el('div', 'alert-head');
      head.appendChild(el('span', 'severity'));
      head.appendChild(el('span', 'alert-text'));
      a.row.appendChild(head);
      var meta = el('div', 'alert-meta');
      meta.appendChild(el('span', 'alert-name'));
      meta.appendChild(el('span', 'alert-municipality'));
      meta.appendChild(el('time', 'alert-time'));
      a.row.appendChild(meta);
      var foot = el('div', 'alert-foot');
      foot.appendChild(el('span', 'alert-state'));
      var button = el('button', 'ack');
      button.type = 'button';
      button.addEventListener('click', function (e) {
        e.stopPropagation();
        acknowledge(a.id, button);
      });
      foot.appendChild(button);
      a.row.appendChild(foot);
      a.row.addEventListener('click', function () { if (a.station) focusSensor(a.station); });
    }
    var row = a.row;
    row.setAttribute('data-alert-id', a.id);
    row.setAttribute('data-rule', a.rule);
    row.setAttribute('data-severity', a.severity);
    row.setAttribute('data-state', a.state);
    row.classList.toggle('own', !!own(a.municipality));
    row.querySelector('.severity').textContent = t('severity_' + a.severity) || a.severity;
    row.querySelector('.alert-text').textContent = alertText(a);
    row.querySelector('.alert-name').textContent = a.rule === 'upstream-warning' ? '' : a.name;
    row.querySelector('.alert-municipality').textContent = municipalityName(a.municipality);
    var time = row.querySelector('.alert-time');
    time.textContent = formatTime(a.time);
    if (a.time) time.setAttribute('datetime', a.time);
    var by = a.facts['acknowledged-by'];
    row.querySelector('.alert-state').textContent =
      a.state === 'acknowledged' ? (by ? t('ackBy')(by) : t('state_acknowledged')) : t('state_open');
    var button = row.querySelector('.ack');
    button.textContent = t('ack');
    button.hidden = !(a.state === 'open' && own(a.municipality));
  }

  function compareAlerts(x, y) {
    return (SEVERITY_RANK[y.severity] || 0) - (SEVERITY_RANK[x.severity] || 0) ||
      (x.state === 'open' ? 0 : 1) - (y.state === 'open' ? 0 : 1) ||
      (own(y.municipality) ? 1 : 0) - (own(x.municipality) ? 1 : 0) ||
      y.level - x.level || Date.parse(y.time) - Date.parse(x.time);
  }

  function renderAlerts() {
    var list = document.getElementById('alert-list'), upstream = document.getElementById('upstream-list');
    var main = [], up = [], mine = 0;
    /* an upstream warning is addressed to one downstream municipality: another's is left out here (the
       upstream station's own river-stage alert is in the list) */
    alerts.forEach(function (a) {
      renderAlert(a);
      if (a.rule !== 'upstream-warning') main.push(a);
      else if (own(a.municipality)) up.push(a);
      else if (a.row) a.row.remove();
      if (own(a.municipality)) mine++;
    });
    main.sort(compareAlerts).forEach(function (a) { list.appendChild(a.row); });
    up.sort(compareAlerts).forEach(function (a) { upstream.appendChild(a.row); });
    document.getElementById('alert-empty').hidden = main.length > 0;
    document.getElementById('upstream-empty').hidden = up.length > 0;
    document.getElementById('alert-summary').textContent = t('alertSummary')(main.length + up.length, mine);
    document.body.dataset.alertCount = String(main.length + up.length);
  }

  function loadAlerts() {
    return json('api/v1/alerts').then(function (body) {
      var touched = new Set();
      alerts.forEach(function (a) {
        touched.add(a.station);
        if (a.row) a.row.remove();
      });
      alerts.clear();
      (body.alerts || []).forEach(function (raw) {
        var a = alertOf(raw, null);
        alerts.set(a.id, a);
        touched.add(a.station);
      });
      renderAlerts();
      restyle(touched);
    });
  }

  function applyAlert(notice) {
    var current = alerts.get(String(notice.alertId));
    var a = alertOf(notice, current);
    if (current && current.sequence >= a.sequence) return; /* older than what is shown */
    if (notice.transition === 'cleared') {
      if (current) {
        if (current.row) current.row.remove();
        alerts.delete(a.id);
      }
    } else {
      alerts.set(a.id, a);
    }
    renderAlerts();
    restyle([a.station]);
    if (alerts.has(a.id)) flash(a.row);
    if (a.severity === 'critical' && (notice.transition === 'opened' || notice.transition === 'escalated')) cue(a);
    if (a.rule === 'offline' || a.rule === 'battery-low') loadDevicesSoon();
  }

  function acknowledge(id, button) {
    button.disabled = true;
    api('api/v1/alerts/' + encodeURIComponent(id) + '/acknowledge', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: '{}'
    }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.detail || ('HTTP ' + r.status));
        var current = alerts.get(String(body.id));
        if (current && current.sequence < body.sequence) {
          alerts.set(String(body.id), alertOf(body, current));
          renderAlerts();
        }
      });
    }).catch(function (e) {
      window.alert(t('ackFailed') + e.message);
    }).then(function () { button.disabled = false; });
  }

  /* A new critical alert: a banner that stays until seen, and a tone when the officer asked for one. */
  function cue(a) {
    document.getElementById('critical-text').textContent = municipalityName(a.municipality) + ' ' + a.name + '：' + alertText(a);
    document.getElementById('critical-banner').hidden = false;
    document.body.dataset.critical = a.id;
    if (!soundOn) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      [0, 0.35].forEach(function (delay) {
        var osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = 880;
        gain.gain.value = 0.2;
        osc.connect(gain).connect(audio.destination);
        osc.start(audio.currentTime + delay);
        osc.stop(audio.currentTime + delay + 0.25);
      });
    } catch (e) { /* no audio: the banner is there */ }
  }

  /* ---------- device health ---------- */

  function loadDevicesSoon() {
    if (deviceTimer) clearTimeout(deviceTimer);
    deviceTimer = setTimeout(function () {
      deviceTimer = null;
      loadDevices().catch(function () {});
    }, 800);
  }

  function loadDevices() {
    return json('api/v1/officer/devices?only=problems').then(function (body) {
      devices = { summary: body.summary, list: body.devices || [] };
      renderDevices();
    });
  }

  function renderDevices() {
    var list = document.getElementById('device-list');
    clear(list);
    devices.list.forEach(function (d) {
      var row = el('li', 'device-row');
      row.setAttribute('data-device-id', d.id);
      row.setAttribute('data-missing', d.missing ? 'true' : 'false');
      row.classList.toggle('own', !!own(d.municipality));
      row.appendChild(el('span', 'device-name', d.name + (d.experimental ? '（' + t('experimental') + '）' : '')));
      row.appendChild(el('span', 'device-municipality', municipalityName(d.municipality)));
      if (d.missing) {
        row.appendChild(el('span', 'device-status missing', t('missingSince')(formatTime(d.lastReport), formatTime(d.expectedBy))));
      }
      if (d.battery && d.battery.percent !== null && d.battery.percent !== undefined) {
        row.appendChild(el('span', 'device-status battery' + (d.battery.low ? ' low' : ''),
          (d.battery.low ? t('batteryLow') : t('battery'))(Math.round(d.battery.percent))));
      }
      row.addEventListener('click', function () { focusSensor(d.id); });
      list.appendChild(row);
    });
    document.getElementById('device-empty').hidden = devices.list.length > 0;
    document.getElementById('device-summary').textContent = devices.summary ? t('deviceSummary')(devices.summary) : '';
  }

  function applyBattery(b) {
    var shown = devices.list.some(function (d) { return d.id === b.sensor; });
    if (shown) loadDevicesSoon();
  }

  /* ---------- searches ---------- */

  function loadSearches() {
    return json('api/v1/officer/searches').then(function (body) {
      searches.clear();
      (body.searches || []).forEach(function (s) { searches.set(String(s.id), s); });
      if (trail && !searches.has(trail.id)) closeTrail(true);
      renderSearches();
    });
  }

  function renderSearches() {
    var list = document.getElementById('search-list');
    clear(list);
    searches.forEach(function (s) {
      var row = el('li', 'search-row');
      row.setAttribute('data-search-id', String(s.id));
      row.appendChild(el('span', 'severity', t('severity_critical')));
      row.appendChild(el('span', 'search-name', t('searchName')(s.id)));
      row.appendChild(el('span', 'search-time', t('declaredAt') + ' ' + formatTime(s.declaredAt)));
      var button = el('button', 'trail', t('showTrail'));
      button.type = 'button';
      button.addEventListener('click', function () { openTrail(String(s.id)); });
      row.appendChild(button);
      list.appendChild(row);
    });
    document.getElementById('search-empty').hidden = searches.size > 0;
    document.body.dataset.searchCount = String(searches.size);
  }

  /* Reads the trail (the server writes the read to the audit log) and draws it, newest point largest. */
  function openTrail(id) {
    return api('api/v1/officer/searches/' + encodeURIComponent(id) + '/trail', { headers: { Accept: 'application/geo+json' } })
      .then(function (r) {
        if (r.status === 404) {
          closeTrail(true);
          loadSearches();
          return null;
        }
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (geo) {
        if (!geo) return;
        trailLayer.clearLayers();
        var points = (geo.features || []).map(function (f) {
          return { at: [f.geometry.coordinates[1], f.geometry.coordinates[0]], p: f.properties };
        });
        if (points.length > 1) {
          L.polyline(points.map(function (x) { return x.at; }), { color: '#d81b60', weight: 3, dashArray: '6 4' }).addTo(trailLayer);
        }
        points.forEach(function (x, i) {
          var m = L.circleMarker(x.at, {
            radius: i === 0 ? 9 : 5, color: '#880e4f', weight: 2, fillColor: i === 0 ? '#d81b60' : '#f48fb1', fillOpacity: 0.9
          }).addTo(trailLayer);
          m.bindTooltip(el('span', null, t('trailPoint')(formatTime(x.p.last), Math.round(x.p.accuracyM))));
        });
        var before = trail ? trail.before : { center: map.getCenter(), zoom: map.getZoom() };
        trail = { id: id, count: points.length, readAt: geo.readAt, before: before };
        if (points.length > 0) map.fitBounds(trailLayer.getBounds(), { padding: [60, 60], maxZoom: 14 });
        renderTrailBox();
      })
      .catch(function () { showError(true); });
  }

  function renderTrailBox() {
    var box = document.getElementById('trail-box');
    box.hidden = !trail;
    document.body.dataset.trailCount = trail ? String(trail.count) : '0';
    if (!trail) return;
    box.setAttribute('data-search-id', trail.id);
    document.getElementById('trail-info').textContent =
      t('searchName')(trail.id) + '：' + t('trailInfo')(trail.count, formatTime(trail.readAt));
    document.getElementById('trail-news').hidden = !trail.news;
  }

  function closeTrail(ended) {
    trailLayer.clearLayers();
    if (trail && trail.before) map.setView(trail.before.center, trail.before.zoom);
    trail = null;
    renderTrailBox();
    if (ended) {
      var info = document.getElementById('trail-info');
      info.textContent = t('trailEnded');
    }
  }

  /* A search notice (declared, a new sighting, ended): never a position; the trail is read on request. */
  function applySearch(notice) {
    var id = String((notice.facts && notice.facts.search) || notice.alertId);
    if (notice.transition === 'cleared') {
      searches.delete(id);
      if (trail && trail.id === id) closeTrail(true);
      renderSearches();
      return;
    }
    if (!searches.has(id)) loadSearches();
    if (trail && trail.id === id && notice.transition === 'reminder') {
      trail.news = true;
      renderTrailBox();
    }
  }

  /* ---------- live ---------- */

  function setLive(state) {
    document.body.dataset.liveState = state;
    var key = { connecting: 'liveConnecting', connected: 'liveConnected', reconnecting: 'liveReconnecting', offline: 'liveOffline' }[state];
    document.getElementById('live-status-text').textContent = t(key);
  }

  function connect() {
    setLive(hadError ? 'reconnecting' : 'connecting');
    source = new EventSource('api/v1/officer/events');
    source.addEventListener('open', function () {
      setLive('connected');
      if (hadError) {
        hadError = false;
        resync();
      }
    });
    source.addEventListener('reading', live.handler(function (f) { upsertSensor(f, true); }));
    source.addEventListener('battery', live.handler(applyBattery));
    source.addEventListener('alert', live.handler(applyAlert));
    source.addEventListener('search', live.handler(applySearch));
    source.addEventListener('error', function () {
      hadError = true;
      if (source.readyState === EventSource.CLOSED) {
        /* refused (logged out, or the server is full): check the session, then try again */
        setLive('offline');
        source = null;
        checkSession().then(function () { setTimeout(connect, 5000); }).catch(function () {});
      } else {
        setLive('reconnecting');
      }
    });
  }

  /* Loads the snapshots anew (at start, after a reconnect, every RESYNC_MS); live events wait for it. */
  function resync() {
    return live.during(function () {
      return Promise.all([loadSensors(), loadAlerts(), loadDevices(), loadSearches()])
        .then(function () { showError(false); })
        .catch(function () { showError(true); });
    });
  }

  /* ---------- session, language, start ---------- */

  function checkSession() {
    return fetch('api/v1/session', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.role !== 'officer') {
          toLogin();
          throw new Error('not an officer');
        }
        me = { login: s.login, municipality: s.municipality, csrf: s.csrf };
        return me;
      });
  }

  function logout() {
    api('api/v1/session', { method: 'DELETE' }).catch(function () {}).then(function () {
      if (source) source.close();
      toLogin();
    });
  }

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
    if (me) document.getElementById('who').textContent = t('who')(municipalityName(me.municipality), me.login);
    setLive(document.body.dataset.liveState || 'connecting');
    muniLabels.forEach(function (label) { label.span.textContent = labelText(label); });
    sensors.forEach(renderSensor);
    if (sensors.size) sortGauges();
    renderAlerts();
    renderDevices();
    renderSearches();
    renderTrailBox();
    tick();
    if (map) buildLayerControl();
  }

  function toggleLanguage() {
    lang = lang === 'ja' ? 'en' : 'ja';
    try {
      window.localStorage.setItem('kawamori.lang', lang);
    } catch (e) { /* not remembered */ }
    applyLanguage();
  }

  function tick() {
    document.getElementById('clock').textContent = formatTime(new Date().toISOString()) + ' JST';
  }

  function start() {
    checkSession().then(function () {
      createMap();
      applyLanguage();
      document.getElementById('lang-toggle').addEventListener('click', toggleLanguage);
      document.getElementById('logout').addEventListener('click', logout);
      document.getElementById('trail-close').addEventListener('click', function () { closeTrail(false); });
      document.getElementById('trail-refresh').addEventListener('click', function () { if (trail) openTrail(trail.id); });
      document.getElementById('critical-dismiss').addEventListener('click', function () {
        document.getElementById('critical-banner').hidden = true;
      });
      document.getElementById('sound-toggle').addEventListener('change', function (e) { soundOn = e.target.checked; });
      connect();
      Promise.all([loadBoundaries(), resync()]).then(function () {
        live.open();
        document.body.dataset.ready = 'true';
      });
      setInterval(tick, 30000);
      setInterval(resync, RESYNC_MS);
    }).catch(function () { /* on the way to the login page */ });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
