/* Kawamori family page: a guardian's own tags at their last place, the trail of the last hours, the
   watch rules, lost mode and the family's links. Every read and change goes through /api/v1/family
   (the server checks the family); names and places are user text and are only ever set as
   textContent. A #link=<token> fragment opens a family session and is removed from the address. */
(function () {
  'use strict';

  var POLL_MS = 15000;
  var LOGIN = '/login.html?next=' + encodeURIComponent('/family.html');
  var BOUNDARY_CREDIT = '出典：国土数値情報（行政区域データ）（国土交通省） / Source: MLIT National Land Numerical Information (Administrative Areas)';
  var GSI_CREDIT = '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル / GSI tiles</a>';
  var STAGES = { 1: ['水防団待機水位', 'stage 1 (standby)'], 2: ['氾濫注意水位', 'stage 2 (caution)'],
    3: ['避難判断水位', 'stage 3 (evacuation)'], 4: ['氾濫危険水位', 'stage 4 (danger)'], 5: ['氾濫発生', 'stage 5 (flooding)'] };

  var TEXT = {
    ja: {
      title: '見守りタグ（ご家族用）', subtitle: 'お子さま・ご家族のタグが最後に検知された場所と足あと',
      logout: 'ログアウト', toggle: 'English',
      gateNote: '通過のお知らせは、検知器の前を通ってから 10〜20 秒ほどで届きます。',
      trailHours: '足あとの表示', h1: '直近 1 時間', h3: '直近 3 時間', h6: '直近 6 時間', h24: '直近 24 時間',
      tagsTitle: 'タグ一覧', tagsNone: '登録されたタグはありません。', noName: '（名前なし）',
      lastSeen: '最後に検知', never: 'まだ検知されていません', accuracy: function (m) { return '誤差 約 ' + m + ' m'; },
      justNow: 'たった今', minutesAgo: function (n) { return n + ' 分前'; }, hoursAgo: function (n) { return n + ' 時間前'; },
      daysAgo: function (n) { return n + ' 日前'; },
      show: '地図で見る', editRules: 'お知らせの設定', lostBadge: '捜索中',
      lostOn: '行方不明として捜索を依頼する', lostOff: '見つかりました（捜索を終える）',
      confirmLost: function (n) { return n + ' を行方不明として届け出ます。市の防災担当者に捜索が知らされ、検知されるたびに場所が担当者に伝わります。よろしいですか？'; },
      confirmFound: function (n) { return n + ' の捜索を終えます。よろしいですか？'; },
      lostSince: function (t) { return t + ' から捜索中'; },
      trailCount: function (n, h) { return '直近 ' + h + ' 時間の検知 ' + n + ' 件'; },
      rulesTitle: 'お知らせの設定', rulesNone: 'お知らせの設定はまだありません。',
      addGate: '＋ 場所を通ったら知らせる', addNotSeen: '＋ 決まった時刻までに見かけなければ知らせる',
      addFlood: '＋ 増水・浸水の近くにいたら知らせる',
      kind_gate: '場所を通ったら知らせる', kind_notseen: '見かけなければ知らせる', kind_flood: '増水・浸水の近くにいたら知らせる',
      placeName: '場所の名前', lat: '緯度', lon: '経度', radius: '半径（m）', pick: '地図で選ぶ',
      pickHint: '地図をクリックして場所を選んでください。',
      mode: '条件', modeSince: 'ある時刻以降、別の時刻までに一度も見かけない', modeQuiet: '時間帯の中で一定時間見かけない',
      since: 'この時刻から', by: 'この時刻までに', silence: '見かけない時間（分）', from: '時間帯の始まり', to: '時間帯の終わり',
      distance: '距離（m）', fromStage: 'この水位から',
      remove: '削除', saveRules: '設定を保存', saved: '保存しました。次の検知から有効です。',
      badRules: '設定を保存できませんでした。赤字の項目を直してください。',
      linksTitle: 'ご家族用リンク',
      linksNote: 'パスワードなしでこのページを開けるリンクです。祖父母など、アカウントのない家族にお渡しください。不要になったら取り消してください。',
      linkDays: '有効期間', d7: '7 日', d30: '30 日', d90: '90 日', issueLink: 'リンクを発行',
      newLinkOnce: 'このリンクは一度だけ表示されます。今すぐコピーしてお渡しください。',
      linkLine: function (c, e) { return '発行 ' + c + '／有効期限 ' + e; },
      revoked: '取り消し済み', expired: '期限切れ', revoke: '取り消す',
      confirmRevoke: 'このリンクを取り消します。このリンクで開いているページも使えなくなります。よろしいですか？',
      refreshed: function (t) { return t + ' 更新'; },
      loadError: '情報を読み込めませんでした。しばらくすると自動で再度読み込みます。',
      noteTime: '時刻はすべて日本時間（JST）です。位置は検知器の場所から推定したもので、円は誤差の目安です。',
      layerGsi: '地理院地図（インターネット接続時）', layerBoundaries: '市町の境界'
    },
    en: {
      title: 'Watch tags (family)', subtitle: "Where your family's tags were last heard, and their trail",
      logout: 'Log out', toggle: '日本語',
      gateNote: 'A gate-pass notice arrives about 10–20 s after the tag passes a detector.',
      trailHours: 'Trail', h1: 'last hour', h3: 'last 3 hours', h6: 'last 6 hours', h24: 'last 24 hours',
      tagsTitle: 'Your tags', tagsNone: 'No tags are registered.', noName: '(no name)',
      lastSeen: 'Last heard', never: 'Not heard yet', accuracy: function (m) { return 'within about ' + m + ' m'; },
      justNow: 'just now', minutesAgo: function (n) { return n + ' min ago'; }, hoursAgo: function (n) { return n + ' h ago'; },
      daysAgo: function (n) { return n + ' days ago'; },
      show: 'Show on map', editRules: 'Notices', lostBadge: 'Search on',
      lostOn: 'Report missing (start a search)', lostOff: 'Found (end the search)',
      confirmLost: function (n) { return 'Report ' + n + ' missing? The city\'s disaster officers are told, and each place the tag is heard is passed on to them.'; },
      confirmFound: function (n) { return 'End the search for ' + n + '?'; },
      lostSince: function (t) { return 'search since ' + t; },
      trailCount: function (n, h) { return n + ' sightings in the last ' + h + ' h'; },
      rulesTitle: 'Notices', rulesNone: 'No notices are set yet.',
      addGate: '+ Tell me when it passes a place', addNotSeen: '+ Tell me if it is not seen by a time',
      addFlood: '+ Tell me when it is near a flood',
      kind_gate: 'Passes a place', kind_notseen: 'Not seen', kind_flood: 'Near a flood',
      placeName: 'Place name', lat: 'Latitude', lon: 'Longitude', radius: 'Radius (m)', pick: 'Pick on map',
      pickHint: 'Click the map to choose the place.',
      mode: 'When', modeSince: 'not seen from one time until another', modeQuiet: 'not seen for a while within hours',
      since: 'From', by: 'Until', silence: 'Not seen for (min)', from: 'Hours from', to: 'Hours to',
      distance: 'Distance (m)', fromStage: 'From level',
      remove: 'Remove', saveRules: 'Save notices', saved: 'Saved. In force from the next sighting.',
      badRules: 'The notices were not saved: correct the rules marked in red.',
      linksTitle: 'Family links',
      linksNote: 'A link opens this page without a password, for family members without an account. Revoke it when it is no longer needed.',
      linkDays: 'Valid for', d7: '7 days', d30: '30 days', d90: '90 days', issueLink: 'Issue a link',
      newLinkOnce: 'This link is shown only once: copy it now.',
      linkLine: function (c, e) { return 'issued ' + c + ' / expires ' + e; },
      revoked: 'revoked', expired: 'expired', revoke: 'Revoke',
      confirmRevoke: 'Revoke this link? Pages opened with it stop working.',
      refreshed: function (t) { return 'updated ' + t; },
      loadError: 'Could not load the information. It is retried automatically.',
      noteTime: 'All times are Japan time (JST). Places are estimated from the detectors; the circle shows the accuracy.',
      layerGsi: 'GSI map (online)', layerBoundaries: 'Municipal boundaries'
    }
  };

  var lang = (function () {
    try { return localStorage.getItem('kawamori.lang') === 'en' ? 'en' : 'ja'; } catch (e) { return 'ja'; }
  })();
  var session = null;
  var tags = [];
  var selected = null;
  var trail = null;
  var editing = null;
  var picking = -1;
  var map, tagLayer, trailLayer, placeLayer, layerControl, gsi, boundaries;
  var fitted = false;
  var refreshedAt = null;

  function t(key) { return TEXT[lang][key]; }
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  /* ---------- time ---------- */

  function jst(iso, withDate) {
    var opts = { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false };
    if (withDate) { opts.month = lang === 'en' ? 'short' : 'numeric'; opts.day = 'numeric'; }
    return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', opts).format(new Date(iso));
  }

  function ago(iso) {
    var minutes = Math.floor((Date.now() - new Date(iso).getTime()) / 60000);
    if (minutes < 1) return t('justNow');
    if (minutes < 60) return t('minutesAgo')(minutes);
    if (minutes < 48 * 60) return t('hoursAgo')(Math.floor(minutes / 60));
    return t('daysAgo')(Math.floor(minutes / 1440));
  }

  /* "14:03（5 分前）" in Japanese, "14:03 (5 min ago)" in English. */
  function paren(text) { return lang === 'en' ? ' (' + text + ')' : '（' + text + '）'; }
  function colon() { return lang === 'en' ? ': ' : '：'; }

  function nickname(p) { return p.nickname ? p.nickname : t('noName'); }

  /* ---------- API ---------- */

  function toLogin() { location.replace(LOGIN); }

  function api(method, path, body) {
    var headers = { Accept: 'application/json, application/geo+json, application/problem+json' };
    if (method !== 'GET' && session && session.csrf) headers['X-CSRF-Token'] = session.csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, {
      method: method, headers: headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 401) { toLogin(); throw new Error('logged out'); }
      return r;
    });
  }

  function json(r) {
    return r.json().then(function (doc) {
      if (!r.ok) { var e = new Error(doc.detail || ('HTTP ' + r.status)); e.problem = doc; throw e; }
      return doc;
    });
  }

  function start() {
    var m = /(?:^#|&)link=([^&]+)/.exec(location.hash);
    var opened = Promise.resolve();
    if (m) {
      var token = decodeURIComponent(m[1]);
      history.replaceState(null, '', location.pathname + location.search);
      opened = fetch('/api/v1/session/link', {
        method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: token })
      }).then(function (r) { if (!r.ok) { toLogin(); throw new Error('link refused'); } });
    }
    opened
      .then(function () { return fetch('/api/v1/session', { credentials: 'same-origin', cache: 'no-store' }); })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.role !== 'family') { toLogin(); return; }
        session = s;
        createMap();
        applyLang();
        wire();
        loadBoundaries();
        refresh();
        setInterval(refresh, POLL_MS);
        if (!s.login || s.login.indexOf('link:') !== 0) { $('links').hidden = false; loadLinks(); }
      })
      .catch(function () { /* already on the way to the login page */ });
  }

  /* ---------- map ---------- */

  function createMap() {
    map = L.map('map', { maxZoom: 18, minZoom: 8, zoomSnap: 0.25 });
    map.setView([34.78, 134.85], 12);
    L.control.scale({ imperial: false }).addTo(map);
    gsi = L.tileLayer('https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png', {
      attribution: GSI_CREDIT, minZoom: 5, maxZoom: 18
    });
    boundaries = L.geoJSON(null, {
      attribution: BOUNDARY_CREDIT,
      style: function () { return { color: '#5f6f7a', weight: 1.2, fillColor: '#fbfaf4', fillOpacity: 0.9 }; }
    }).addTo(map);
    placeLayer = L.featureGroup().addTo(map);
    trailLayer = L.featureGroup().addTo(map);
    tagLayer = L.featureGroup().addTo(map);
    map.on('click', function (e) { if (picking >= 0) picked(e.latlng); });
  }

  function buildLayerControl() {
    if (layerControl) layerControl.remove();
    var overlays = {};
    overlays[t('layerGsi')] = gsi;
    overlays[t('layerBoundaries')] = boundaries;
    layerControl = L.control.layers(null, overlays, { collapsed: true }).addTo(map);
  }

  function loadBoundaries() {
    fetch('geo/kakogawa-basin.geojson').then(function (r) { return r.json(); })
      .then(function (geo) { boundaries.addData(geo); boundaries.bringToBack(); })
      .catch(function () { /* the tags still show without the boundaries */ });
  }

  function drawTags() {
    tagLayer.clearLayers();
    tags.forEach(function (f) {
      if (!f.geometry) return;
      var p = f.properties;
      var at = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
      var lost = p.lost ? ' lost' : '';
      L.circle(at, { radius: p.accuracyMetres || 30, className: 'accuracy' + lost, weight: 1 }).addTo(tagLayer);
      var marker = L.circleMarker(at, { radius: 9, className: 'tag-marker' + lost, weight: 3, fillOpacity: 0.9 });
      var label = el('span', 'tag-label');
      label.appendChild(el('strong', null, nickname(p)));
      if (p.lost) label.appendChild(el('span', 'tooltip-lost', ' ' + t('lostBadge')));
      label.appendChild(el('span', null, ' ' + jst(p.lastSeen) + paren(ago(p.lastSeen))));
      marker.bindTooltip(label, { permanent: true, direction: 'top', offset: [0, -8], className: 'tag-tooltip' });
      marker.on('click', function () { select(f.id, true); });
      marker.addTo(tagLayer);
    });
    if (!fitted && tagLayer.getLayers().length) {
      fitted = true;
      map.fitBounds(tagLayer.getBounds(), { padding: [60, 60], maxZoom: 16 });
    }
  }

  function drawTrail() {
    trailLayer.clearLayers();
    if (!trail) return;
    trail.features.forEach(function (f) {
      if (f.geometry.type === 'LineString') {
        var line = f.geometry.coordinates.map(function (c) { return [c[1], c[0]]; });
        L.polyline(line, { className: 'trail-line', weight: 4, opacity: 0.8 }).addTo(trailLayer);
      } else {
        var c = f.geometry.coordinates;
        var dot = L.circleMarker([c[1], c[0]], { radius: 4, className: 'trail-point', weight: 1, fillOpacity: 1 });
        dot.bindTooltip(el('span', null, jst(f.properties.time, true) + ' ・ ' + t('accuracy')(Math.round(f.properties.accuracyMetres))));
        dot.addTo(trailLayer);
      }
    });
    tagLayer.bringToFront();
  }

  /* ---------- tags ---------- */

  function refresh() {
    return api('GET', '/api/v1/family/tags').then(json).then(function (doc) {
      tags = doc.features.slice().sort(byConcern);
      $('load-error').hidden = true;
      refreshedAt = doc.generatedAt;
      $('refreshed').textContent = t('refreshed')(jst(refreshedAt));
      document.body.setAttribute('data-state', 'ready');
      if (!selected && tags.length) selected = latest().id;
      renderTags();
      drawTags();
      return loadTrail();
    }).catch(function (e) {
      if (e.message === 'logged out') return;
      $('load-error').textContent = t('loadError');
      $('load-error').hidden = false;
    });
  }

  /* A search first, then the most recently heard, never heard last. */
  function byConcern(a, b) {
    if (a.properties.lost !== b.properties.lost) return a.properties.lost ? -1 : 1;
    var x = a.properties.lastSeen || '', y = b.properties.lastSeen || '';
    return x === y ? (a.id < b.id ? -1 : 1) : (x > y ? -1 : 1);
  }

  /* The tag heard most recently (the one a guardian most likely wants to see first). */
  function latest() {
    return tags.reduce(function (best, f) {
      var seen = f.properties.lastSeen || '';
      return !best || seen > (best.properties.lastSeen || '') ? f : best;
    }, null);
  }

  function hours() { return Number($('hours').value); }

  function loadTrail() {
    if (!selected) { trail = null; drawTrail(); return Promise.resolve(); }
    var from = new Date(Date.now() - hours() * 3600 * 1000).toISOString();
    return api('GET', '/api/v1/family/tags/' + encodeURIComponent(selected) + '/trail?from=' + encodeURIComponent(from))
      .then(json).then(function (doc) { trail = doc; drawTrail(); renderTags(); });
  }

  function renderTags() {
    var list = $('tag-list');
    list.textContent = '';
    $('tags-empty').hidden = tags.length > 0;
    tags.forEach(function (f) {
      var p = f.properties;
      var li = el('li', 'tag' + (p.lost ? ' lost' : '') + (f.id === selected ? ' selected' : ''));
      li.setAttribute('data-tag', f.id);
      var head = el('div', 'tag-head');
      head.appendChild(el('strong', 'nick', nickname(p)));
      if (p.lost) head.appendChild(el('span', 'badge', t('lostBadge')));
      li.appendChild(head);
      if (p.lastSeen) {
        li.appendChild(el('div', 'seen', t('lastSeen') + colon() + jst(p.lastSeen, true) + paren(ago(p.lastSeen))));
        li.appendChild(el('div', 'acc', t('accuracy')(Math.round(p.accuracyMetres))));
      } else {
        li.appendChild(el('div', 'seen never', t('never')));
      }
      if (p.lost) li.appendChild(el('div', 'lost-since', t('lostSince')(jst(p.lostSince, true))));
      if (f.id === selected && trail) li.appendChild(el('div', 'trail-count', t('trailCount')(trail.count, hours())));
      var actions = el('div', 'actions');
      var show = el('button', 'show', t('show'));
      show.type = 'button';
      show.disabled = !f.geometry;
      show.addEventListener('click', function () { select(f.id, true); });
      var rules = el('button', 'edit-rules', t('editRules'));
      rules.type = 'button';
      rules.addEventListener('click', function () { select(f.id, false); openRules(f); });
      var lost = el('button', p.lost ? 'lost-switch on' : 'lost-switch', p.lost ? t('lostOff') : t('lostOn'));
      lost.type = 'button';
      lost.setAttribute('aria-pressed', p.lost ? 'true' : 'false');
      lost.addEventListener('click', function () { switchLost(f); });
      actions.appendChild(show);
      actions.appendChild(rules);
      actions.appendChild(lost);
      li.appendChild(actions);
      list.appendChild(li);
    });
  }

  function select(id, pan) {
    selected = id;
    var f = tags.filter(function (x) { return x.id === id; })[0];
    if (pan && f && f.geometry) map.setView([f.geometry.coordinates[1], f.geometry.coordinates[0]], Math.max(map.getZoom(), 15));
    renderTags();
    loadTrail();
  }

  function switchLost(f) {
    var name = nickname(f.properties);
    var on = !f.properties.lost;
    if (!window.confirm(on ? t('confirmLost')(name) : t('confirmFound')(name))) return;
    api(on ? 'PUT' : 'DELETE', '/api/v1/family/tags/' + encodeURIComponent(f.id) + '/lost')
      .then(json).then(refresh).catch(function (e) { window.alert(e.message); });
  }

  /* ---------- watch rules ---------- */

  function openRules(f) {
    api('GET', '/api/v1/family/tags/' + encodeURIComponent(f.id) + '/rules').then(json).then(function (doc) {
      editing = { tag: f.id, name: nickname(f.properties), rules: doc.rules };
      $('rules').hidden = false;
      $('rules-message').hidden = true;
      renderRules({});
      $('rules').scrollIntoView({ block: 'nearest' });
    });
  }

  function drawPlaces() {
    placeLayer.clearLayers();
    if (!editing || $('rules').hidden) return;
    editing.rules.forEach(function (rule) {
      var lat = Number(rule.params.lat), lon = Number(rule.params.lon), r = Number(rule.params['radius-m']);
      if (rule.kind !== 'gate-pass' || !isFinite(lat) || !isFinite(lon) || !rule.params.lat || !(r > 0)) return;
      var circle = L.circle([lat, lon], { radius: r, className: 'gate-place', weight: 2, dashArray: '6 4' });
      circle.bindTooltip(el('span', null, rule.params.name || t('placeName')));
      circle.addTo(placeLayer);
    });
  }

  function renderRules(problems) {
    if (!editing) return;
    drawPlaces();
    $('rules-tag').textContent = editing.name;
    var list = $('rule-list');
    list.textContent = '';
    $('rules-empty').hidden = editing.rules.length > 0;
    editing.rules.forEach(function (rule, i) {
      var li = el('li', 'rule' + (problems[i] ? ' invalid' : ''));
      li.setAttribute('data-kind', rule.kind);
      var kind = { 'gate-pass': 'kind_gate', 'not-seen': 'kind_notseen', 'near-flood': 'kind_flood' }[rule.kind];
      li.appendChild(el('div', 'rule-kind', kind ? t(kind) : rule.kind));
      fieldsOf(rule).forEach(function (field) { li.appendChild(input(rule, field)); });
      if (rule.kind === 'gate-pass') {
        var pick = el('button', 'pick', t('pick'));
        pick.type = 'button';
        pick.addEventListener('click', function () { picking = i; $('pick-hint').hidden = false; });
        li.appendChild(pick);
      }
      var remove = el('button', 'remove', t('remove'));
      remove.type = 'button';
      remove.addEventListener('click', function () { editing.rules.splice(i, 1); renderRules({}); });
      li.appendChild(remove);
      if (problems[i]) li.appendChild(el('p', 'problem', problems[i]));
      list.appendChild(li);
    });
  }

  function fieldsOf(rule) {
    if (rule.kind === 'gate-pass') {
      return [['name', 'placeName', 'text'], ['lat', 'lat', 'number'], ['lon', 'lon', 'number'], ['radius-m', 'radius', 'number']];
    }
    if (rule.kind === 'not-seen') {
      var mode = [['mode', 'mode', 'select', [['since', t('modeSince')], ['quiet', t('modeQuiet')]]]];
      return rule.params.mode === 'quiet'
        ? mode.concat([['silence', 'silence', 'minutes'], ['from', 'from', 'time'], ['to', 'to', 'time']])
        : mode.concat([['since', 'since', 'time'], ['by', 'by', 'time']]);
    }
    if (rule.kind === 'near-flood') {
      return [['distance-m', 'distance', 'number'],
        ['from-stage', 'fromStage', 'select', [1, 2, 3, 4, 5].map(function (s) { return [String(s), STAGES[s][lang === 'en' ? 1 : 0]]; })]];
    }
    return Object.keys(rule.params).map(function (k) { return [k, null, 'text']; });
  }

  function input(rule, field) {
    var key = field[0];
    var label = el('label', 'field');
    label.appendChild(el('span', null, field[1] ? t(field[1]) : key));
    var control;
    if (field[2] === 'select') {
      control = el('select');
      field[3].forEach(function (o) { var opt = el('option', null, o[1]); opt.value = o[0]; control.appendChild(opt); });
      control.value = rule.params[key] || field[3][0][0];
      rule.params[key] = control.value;
    } else {
      control = el('input');
      control.type = field[2] === 'minutes' ? 'number' : field[2];
      if (field[2] === 'number') control.step = 'any';
      control.value = field[2] === 'minutes' ? minutes(rule.params[key]) : (rule.params[key] || '');
    }
    control.name = key;
    control.addEventListener('change', function () {
      rule.params[key] = field[2] === 'minutes' ? 'PT' + Math.max(1, Math.round(Number(control.value))) + 'M' : control.value;
      if (key === 'mode') renderRules({});
      drawPlaces();
    });
    label.appendChild(control);
    return label;
  }

  function minutes(iso) {
    var m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(iso || '');
    return m ? String(Number(m[1] || 0) * 60 + Number(m[2] || 0)) : '';
  }

  function picked(latlng) {
    var rule = editing && editing.rules[picking];
    picking = -1;
    $('pick-hint').hidden = true;
    if (!rule) return;
    rule.params.lat = latlng.lat.toFixed(6);
    rule.params.lon = latlng.lng.toFixed(6);
    renderRules({});
  }

  function addRule(kind, params) {
    if (!editing) return;
    editing.rules.push({ kind: kind, params: params });
    renderRules({});
  }

  function saveRules() {
    var tag = editing.tag;
    api('PUT', '/api/v1/family/tags/' + encodeURIComponent(tag) + '/rules', { rules: editing.rules })
      .then(json)
      .then(function (doc) {
        editing.rules = doc.rules;
        renderRules({});
        message(t('saved'), false);
      })
      .catch(function (e) {
        var problems = {};
        ((e.problem && e.problem.problems) || []).forEach(function (p) { problems[p.rule] = p.problem; });
        renderRules(problems);
        message(Object.keys(problems).length ? t('badRules') : e.message, true);
      });
  }

  function message(text, bad) {
    var m = $('rules-message');
    m.textContent = text;
    m.className = 'message' + (bad ? ' bad' : '');
    m.hidden = false;
  }

  /* ---------- links ---------- */

  function loadLinks() {
    api('GET', '/api/v1/family/links').then(json).then(function (doc) {
      var list = $('link-list');
      list.textContent = '';
      doc.links.forEach(function (link) {
        var li = el('li', 'link' + (link.active ? '' : ' inactive'));
        li.setAttribute('data-link', link.id);
        li.appendChild(el('span', null, t('linkLine')(jst(link.createdAt, true), jst(link.expiresAt, true))));
        if (link.active) {
          var revoke = el('button', 'revoke', t('revoke'));
          revoke.type = 'button';
          revoke.addEventListener('click', function () {
            if (!window.confirm(t('confirmRevoke'))) return;
            api('DELETE', '/api/v1/family/links/' + link.id).then(loadLinks);
          });
          li.appendChild(revoke);
        } else {
          li.appendChild(el('span', 'state', link.revokedAt ? t('revoked') : t('expired')));
        }
        list.appendChild(li);
      });
    });
  }

  function issueLink() {
    api('POST', '/api/v1/family/links', { days: Number($('link-days').value) }).then(json).then(function (doc) {
      $('new-link').hidden = false;
      $('new-link-url').value = location.origin + doc.path;
      $('new-link-url').select();
      $('new-link').scrollIntoView({ block: 'nearest' });
      loadLinks();
    });
  }

  /* ---------- page ---------- */

  function applyLang() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    var toggle = $('lang-toggle');
    toggle.textContent = t('toggle');
    toggle.lang = lang === 'ja' ? 'en' : 'ja';
    document.title = t('title') + ' | Kawamori';
    buildLayerControl();
  }

  function wire() {
    $('lang-toggle').addEventListener('click', function () {
      lang = lang === 'ja' ? 'en' : 'ja';
      try { localStorage.setItem('kawamori.lang', lang); } catch (e) { /* private mode */ }
      applyLang();
      if (refreshedAt) $('refreshed').textContent = t('refreshed')(jst(refreshedAt));
      renderTags();
      drawTags();
      drawTrail();
      renderRules({});
      if (!$('links').hidden) loadLinks();
    });
    $('logout').addEventListener('click', function () {
      api('DELETE', '/api/v1/session').finally(function () { location.replace('/login.html'); });
    });
    $('hours').addEventListener('change', loadTrail);
    $('add-gate').addEventListener('click', function () {
      var c = map.getCenter();
      addRule('gate-pass', { place: 'place-' + Date.now().toString(36), name: '', lat: c.lat.toFixed(6), lon: c.lng.toFixed(6), 'radius-m': '50' });
    });
    $('add-notseen').addEventListener('click', function () { addRule('not-seen', { mode: 'since', since: '15:00', by: '17:00' }); });
    $('add-flood').addEventListener('click', function () { addRule('near-flood', { 'distance-m': '300', 'from-stage': '3' }); });
    $('save-rules').addEventListener('click', saveRules);
    $('issue-link').addEventListener('click', issueLink);
  }

  document.addEventListener('DOMContentLoaded', start);
})();
