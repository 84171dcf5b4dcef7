/*
 * Kawamori: a Leaflet layer that paints thousands of sensors on one canvas and groups them into clusters
 * when zoomed out. A cluster is painted in the colour of the WORST state inside and shows its count and
 * that state's glyph (so the state does not hang on colour alone). Plain JS, no build step, no DOM per
 * sensor. Shared by the map pages: window.KawamoriGaugeLayer.
 *
 *   var layer = KawamoriGaugeLayer.create({
 *     styleOf: function (id) { return { rank, color, glyph, square, experimental, label, ring }; },
 *     onSelect: function (id) { ... }, tooltipOf: function (id) { return a DOM node; }
 *   }).addTo(map);
 *   layer.setItems([{ id, lat, lng }]);  layer.redraw();
 *
 * rank orders states for clusters (higher is worse); glyph is a short text drawn inside the marker.
 */
(function () {
  'use strict';

  var CELL_PX = 64;
  var RADIUS = 9;
  var HIT_PX = 12;

  var GaugeLayer = L.Layer.extend({
    initialize: function (options) {
      this._opts = options;
      this._items = [];
      this._drawn = [];
      this._stats = { singles: 0, clusters: 0, sensors: 0, draws: 0 };
      this._frame = 0;
    },

    onAdd: function (map) {
      this._map = map;
      /* its own pane above the overlays (boundaries) and below markers, tooltips and popups */
      var pane = map.getPane('kawamoriGauges') || map.createPane('kawamoriGauges');
      pane.style.zIndex = 450;
      pane.style.pointerEvents = 'none';
      this._canvas = L.DomUtil.create('canvas', 'kawamori-gauges leaflet-zoom-hide');
      pane.appendChild(this._canvas);
      this._tooltip = L.tooltip({ direction: 'top', offset: [0, -10], opacity: 0.95 });
      map.on('moveend zoomend resize viewreset', this.redraw, this);
      map.on('click', this._click, this);
      map.on('mousemove', this._hover, this);
      map.on('mouseout', this._unhover, this);
      this.redraw();
    },

    onRemove: function (map) {
      map.off('moveend zoomend resize viewreset', this.redraw, this);
      map.off('click', this._click, this);
      map.off('mousemove', this._hover, this);
      map.off('mouseout', this._unhover, this);
      this._unhover();
      L.DomUtil.remove(this._canvas);
      this._map = null;
    },

    /** The sensors to paint: [{ id, lat, lng }]. */
    setItems: function (items) {
      this._items = items;
      this.redraw();
      return this;
    },

    /** Paints again at the next animation frame (many calls in one frame paint once). */
    redraw: function () {
      var self = this;
      if (!this._map || this._frame) return this;
      this._frame = L.Util.requestAnimFrame(function () {
        self._frame = 0;
        self._paint();
      });
      return this;
    },

    /** What the last paint drew, for tests and the benchmark. */
    stats: function () {
      return this._stats;
    },

    /** The last paint's marker or cluster that holds sensor `id`: { x, y, r, ids }, or null. */
    drawnOf: function (id) {
      for (var i = 0; i < this._drawn.length; i++) {
        if (this._drawn[i].ids.indexOf(id) >= 0) return this._drawn[i];
      }
      return null;
    },

    canvas: function () {
      return this._canvas;
    },

    _paint: function () {
      var map = this._map;
      if (!map) return;
      var size = map.getSize();
      var ratio = window.devicePixelRatio || 1;
      var canvas = this._canvas;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.width = Math.round(size.x * ratio);
      canvas.height = Math.round(size.y * ratio);
      canvas.style.width = size.x + 'px';
      canvas.style.height = size.y + 'px';
      var ctx = canvas.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);

      var clustering = map.getZoom() < (this._opts.clusterBelowZoom || 13);
      var groups = this._group(map, size, clustering);
      var drawn = [];
      var singles = 0, clusters = 0, sensors = 0;
      var styleOf = this._opts.styleOf;
      /* calm first, worst last: the worst is never hidden under a calm one */
      groups.sort(function (a, b) { return a.rank - b.rank; });
      for (var g = 0; g < groups.length; g++) {
        var group = groups[g];
        sensors += group.ids.length;
        if (group.ids.length === 1) {
          var style = styleOf(group.ids[0]);
          drawMarker(ctx, group.x, group.y, style);
          drawn.push({ x: group.x, y: group.y, r: RADIUS + 2, ids: group.ids, style: style });
          singles++;
        } else {
          var worst = styleOf(group.worst);
          var r = Math.min(26, 13 + Math.log(group.ids.length) * 2.4);
          drawCluster(ctx, group.x, group.y, r, group.ids.length, worst);
          drawn.push({ x: group.x, y: group.y, r: r, ids: group.ids, style: worst, cluster: true });
          clusters++;
        }
      }
      if (!clustering && map.getZoom() >= (this._opts.labelFromZoom || 14) && drawn.length <= 400) {
        drawn.forEach(function (d) { drawLabel(ctx, d.x, d.y, d.style.label); });
      }
      this._drawn = drawn;
      this._stats = { singles: singles, clusters: clusters, sensors: sensors, draws: this._stats.draws + 1 };
      if (this._opts.onPaint) this._opts.onPaint(this._stats);
    },

    /* Sensors in view, grouped by grid cell when clustering (a cluster sits at its members' mean). */
    _group: function (map, size, clustering) {
      var styleOf = this._opts.styleOf;
      var cells = new Map();
      var out = [];
      var pad = 30;
      for (var i = 0; i < this._items.length; i++) {
        var item = this._items[i];
        var p = map.latLngToContainerPoint([item.lat, item.lng]);
        if (p.x < -pad || p.y < -pad || p.x > size.x + pad || p.y > size.y + pad) continue;
        var rank = styleOf(item.id).rank;
        if (!clustering) {
          out.push({ x: p.x, y: p.y, ids: [item.id], worst: item.id, rank: rank });
          continue;
        }
        var key = Math.floor(p.x / CELL_PX) + ':' + Math.floor(p.y / CELL_PX);
        var cell = cells.get(key);
        if (!cell) {
          cell = { sx: 0, sy: 0, ids: [], worst: item.id, rank: -1 };
          cells.set(key, cell);
          out.push(cell);
        }
        cell.sx += p.x;
        cell.sy += p.y;
        cell.ids.push(item.id);
        if (rank > cell.rank) {
          cell.rank = rank;
          cell.worst = item.id;
        }
      }
      if (clustering) {
        out.forEach(function (c) {
          c.x = c.sx / c.ids.length;
          c.y = c.sy / c.ids.length;
        });
      }
      return out;
    },

    _hit: function (point) {
      for (var i = this._drawn.length - 1; i >= 0; i--) {
        var d = this._drawn[i];
        var dx = d.x - point.x, dy = d.y - point.y;
        var reach = Math.max(d.r, HIT_PX);
        if (dx * dx + dy * dy <= reach * reach) return d;
      }
      return null;
    },

    _click: function (e) {
      var d = this._hit(e.containerPoint);
      if (!d) return;
      if (d.cluster) {
        var map = this._map;
        var byId = new Set(d.ids);
        var bounds = L.latLngBounds([]);
        this._items.forEach(function (item) { if (byId.has(item.id)) bounds.extend([item.lat, item.lng]); });
        map.fitBounds(bounds, { padding: [40, 40], maxZoom: Math.max(map.getZoom() + 2, 13) });
      } else if (this._opts.onSelect) {
        this._opts.onSelect(d.ids[0]);
      }
    },

    _hover: function (e) {
      var d = this._hit(e.containerPoint);
      this._map.getContainer().style.cursor = d ? 'pointer' : '';
      if (!d) {
        this._unhover();
        return;
      }
      if (this._hovered === d.ids[0] && this._map.hasLayer(this._tooltip)) return;
      this._hovered = d.ids[0];
      var content = this._opts.tooltipOf ? this._opts.tooltipOf(d) : null;
      if (!content) return;
      this._tooltip.setLatLng(this._map.containerPointToLatLng([d.x, d.y])).setContent(content);
      this._tooltip.addTo(this._map);
    },

    _unhover: function () {
      this._hovered = null;
      if (this._map && this._map.hasLayer(this._tooltip)) this._map.removeLayer(this._tooltip);
    }
  });

  function drawMarker(ctx, x, y, s) {
    ctx.beginPath();
    if (s.square) {
      ctx.rect(x - RADIUS + 1, y - RADIUS + 1, 2 * RADIUS - 2, 2 * RADIUS - 2);
    } else {
      ctx.arc(x, y, RADIUS, 0, Math.PI * 2);
    }
    ctx.fillStyle = s.color;
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#ffffff';
    ctx.setLineDash([]);
    ctx.stroke();
    if (s.experimental) {
      ctx.beginPath();
      ctx.arc(x, y, RADIUS + 3.5, 0, Math.PI * 2);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = '#e65100';
      ctx.setLineDash([3, 2.5]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (s.ring) {
      ctx.beginPath();
      ctx.arc(x, y, RADIUS + 6, 0, Math.PI * 2);
      ctx.lineWidth = 3;
      ctx.strokeStyle = s.ring;
      ctx.stroke();
    }
    if (s.glyph) glyph(ctx, x, y, s.glyph, s.glyphColor || '#ffffff', 11);
  }

  function drawCluster(ctx, x, y, r, count, worst) {
    ctx.beginPath();
    ctx.arc(x, y, r + 4, 0, Math.PI * 2);
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fill();
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.fillStyle = worst.color;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = 'rgba(0,0,0,0.35)';
    ctx.stroke();
    glyph(ctx, x, y, count > 9999 ? '9999+' : String(count), worst.glyphColor || '#ffffff', 12);
    if (worst.glyph) {
      /* the worst state's glyph in a badge at the top right */
      var bx = x + r * 0.75, by = y - r * 0.75;
      ctx.beginPath();
      ctx.arc(bx, by, 7.5, 0, Math.PI * 2);
      ctx.fillStyle = '#ffffff';
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = worst.color;
      ctx.stroke();
      glyph(ctx, bx, by, worst.glyph, '#1c2833', 10);
    }
  }

  function drawLabel(ctx, x, y, text) {
    if (!text) return;
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#ffffff';
    ctx.strokeText(text, x + RADIUS + 5, y);
    ctx.fillStyle = '#1c2833';
    ctx.fillText(text, x + RADIUS + 5, y);
  }

  function glyph(ctx, x, y, text, color, px) {
    ctx.font = '700 ' + px + 'px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = color;
    ctx.fillText(text, x, y + 0.5);
  }

  window.KawamoriGaugeLayer = {
    create: function (options) { return new GaugeLayer(options); }
  };
})();
