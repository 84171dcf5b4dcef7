/*
 * Kawamori: a small SVG line chart of one sensor's readings with its stage lines (水位危険度レベル).
 * Own code, no chart library; every text goes in with textContent. Shared by the map pages:
 *
 *   KawamoriLevelChart.draw(svg, {
 *     points: [{ t: epochMs, v: number }], from: epochMs, to: epochMs, unit: 'm',
 *     stages: [{ stage: 1, level: 1.5, label: '水防団待機水位', color: '#2e7d32' }],
 *     tick: function (epochMs) { return 'HH:mm'; }, value: function (v) { return '1.23'; }, empty: 'No data'
 *   });
 *
 * Hooks: svg[data-points], line.stage-line[data-stage][data-level], path.level-line.
 */
(function () {
  'use strict';

  var NS = 'http://www.w3.org/2000/svg';
  var W = 320, H = 190;
  var PAD = { left: 40, right: 8, top: 10, bottom: 24 };

  function node(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  function niceStep(span) {
    var raw = span / 4;
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var norm = raw / mag;
    return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  }

  function draw(svg, o) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('data-points', String(o.points.length));
    var values = o.points.map(function (p) { return p.v; });
    var levels = o.stages.map(function (s) { return s.level; });
    var all = values.concat(levels);
    var lo = all.length ? Math.min.apply(null, all) : 0;
    var hi = all.length ? Math.max.apply(null, all) : 1;
    if (hi - lo < 0.5) {
      hi += 0.25;
      lo -= 0.25;
    }
    var margin = (hi - lo) * 0.08;
    lo -= margin;
    hi += margin;
    var x0 = PAD.left, x1 = W - PAD.right, y0 = H - PAD.bottom, y1 = PAD.top;
    function x(t) { return x0 + (t - o.from) / (o.to - o.from) * (x1 - x0); }
    function y(v) { return y0 - (v - lo) / (hi - lo) * (y0 - y1); }

    svg.appendChild(node('rect', { x: x0, y: y1, width: x1 - x0, height: y0 - y1, 'class': 'plot-area' }));
    var step = niceStep(hi - lo);
    for (var v = Math.ceil(lo / step) * step; v <= hi; v += step) {
      svg.appendChild(node('line', { x1: x0, x2: x1, y1: y(v), y2: y(v), 'class': 'grid' }));
      svg.appendChild(node('text', { x: x0 - 4, y: y(v) + 3.5, 'class': 'axis y' }, o.value(v)));
    }
    var hour = 3600 * 1000;
    for (var t = Math.ceil(o.from / (6 * hour)) * 6 * hour; t <= o.to; t += 6 * hour) {
      svg.appendChild(node('line', { x1: x(t), x2: x(t), y1: y1, y2: y0, 'class': 'grid' }));
      svg.appendChild(node('text', { x: x(t), y: y0 + 15, 'class': 'axis x' }, o.tick(t)));
    }
    svg.appendChild(node('text', { x: 4, y: y1 + 8, 'class': 'axis unit' }, o.unit));

    o.stages.forEach(function (s) {
      var line = node('line', {
        x1: x0, x2: x1, y1: y(s.level), y2: y(s.level), 'class': 'stage-line',
        'data-stage': s.stage, 'data-level': s.level, stroke: s.color
      });
      svg.appendChild(line);
      var label = node('text', { x: x1 - 3, y: y(s.level) - 3, 'class': 'stage-text', fill: s.color },
        s.label + ' ' + o.value(s.level));
      svg.appendChild(label);
    });

    if (o.points.length === 0) {
      svg.appendChild(node('text', { x: (x0 + x1) / 2, y: (y0 + y1) / 2, 'class': 'empty' }, o.empty));
      return;
    }
    var d = o.points.map(function (p, i) {
      return (i === 0 ? 'M' : 'L') + x(p.t).toFixed(1) + ' ' + y(p.v).toFixed(1);
    }).join(' ');
    svg.appendChild(node('path', { d: d, 'class': 'level-line' }));
    var last = o.points[o.points.length - 1];
    svg.appendChild(node('circle', { cx: x(last.t), cy: y(last.v), r: 3, 'class': 'level-last' }));
  }

  window.KawamoriLevelChart = { draw: draw };
})();
