// The page's behaviour: draw the pre-laid-out graph, tooltips and a details panel, a legend, search.
// Every piece of document text is written with textContent (never innerHTML), so markup in a
// document is shown as characters and never runs.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("sgkg-data").textContent);
  var state = { ready: false, drawnAt: null, lastQuery: null, matches: [], matchIndex: -1 };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  // -- header, notes, legend ------------------------------------------------------------
  document.getElementById("title").textContent = data.title;
  document.getElementById("subtitle").textContent =
    (data.subtitle ? data.subtitle + " · " : "") + data.counts.nodes + " nodes, " + data.counts.edges + " edges";
  var notes = document.getElementById("notes");
  data.notes.forEach(function (note) { notes.appendChild(el("li", note)); });
  var legend = document.getElementById("legend");
  data.legend.forEach(function (entry) {
    var item = el("li");
    var swatch = el("span", null, "swatch " + entry.shape + (entry.border ? " overdue" : ""));
    if (entry.shape === "line") swatch.style.borderTopColor = entry.colour;
    else swatch.style.background = entry.colour;
    if (entry.border) swatch.style.borderColor = entry.border;
    item.appendChild(swatch);
    item.appendChild(el("span", entry.label));
    legend.appendChild(item);
  });

  // -- the network ----------------------------------------------------------------------
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  // The whole view fits the window when it opens (vis-network's own first fit can run before the canvas
  // has its final size, leaving the graph crowded into a corner and cut off).
  network.fit({ animation: false });
  network.once("afterDrawing", function () {
    state.ready = true;
    state.drawnAt = performance.now();
    document.documentElement.setAttribute("data-ready", "1");
  });

  function field(node, name) {
    for (var i = 0; i < node.fields.length; i++) if (node.fields[i][0] === name) return node.fields[i][1];
    return null;
  }

  function sourceText(source) {
    return source[0] + (source[1] ? ", line " + source[1] : "") + (source[2] ? ", page " + source[2] : "");
  }

  // -- details panel ----------------------------------------------------------------------
  var details = document.getElementById("details");
  function showDetails(id) {
    var node = nodes.get(id);
    if (!node) return;
    details.replaceChildren();
    var kind = el("span", node.kind, "kind");
    kind.style.background = (node.color && node.color.background) || "#888";
    if (kind.style.background === "rgb(255, 255, 255)") kind.style.color = "#000";
    details.appendChild(kind);
    details.appendChild(el("h3", node.label));
    var list = el("dl");
    node.fields.forEach(function (pair) {
      if (pair[0] === "Kind") return;
      list.appendChild(el("dt", pair[0]));
      list.appendChild(el("dd", pair[1]));
    });
    if (node.sources.length) {
      list.appendChild(el("dt", node.sources.length > 1 ? "Read from" : "Read from"));
      node.sources.forEach(function (source) { list.appendChild(el("dd", sourceText(source))); });
    }
    details.appendChild(list);
  }

  // -- tooltip (plain text; vis-network's own would render a title string as HTML) ----------
  var tooltip = document.getElementById("tooltip");
  function tooltipText(node) {
    var lines = [node.kind + ": " + node.label];
    ["Grade", "Status", "Due", "Overdue", "Polarity", "Dates"].forEach(function (name) {
      var value = field(node, name);
      if (value) lines.push(name + ": " + value);
    });
    var text = field(node, "Text") || field(node, "Title");
    if (text) lines.push(text.length > 300 ? text.slice(0, 299) + "…" : text);
    if (node.sources.length) lines.push("Source: " + sourceText(node.sources[0]));
    return lines.join("\n");
  }
  network.on("hoverNode", function (params) {
    var node = nodes.get(params.node);
    if (!node) return;
    tooltip.textContent = tooltipText(node);
    var box = container.getBoundingClientRect();
    var x = box.left + params.pointer.DOM.x + 14, y = box.top + params.pointer.DOM.y + 14;
    tooltip.hidden = false;
    tooltip.style.left = Math.min(x, window.innerWidth - tooltip.offsetWidth - 8) + "px";
    tooltip.style.top = Math.min(y, window.innerHeight - tooltip.offsetHeight - 8) + "px";
  });
  network.on("blurNode", function () { tooltip.hidden = true; });
  // An edge says what it is: its relation, and for a recurrence link the score and the linker's reason.
  network.on("hoverEdge", function (params) {
    var edge = edges.get(params.edge);
    if (!edge) return;
    var from = nodes.get(edge.from), to = nodes.get(edge.to);
    tooltip.textContent = [edge.relation + (edge.detail ? ": " + edge.detail : ""),
                           (from ? from.label : edge.from) + " → " + (to ? to.label : edge.to)].join("\n");
    var box = container.getBoundingClientRect();
    tooltip.hidden = false;
    tooltip.style.left = Math.min(box.left + params.pointer.DOM.x + 14, window.innerWidth - tooltip.offsetWidth - 8) + "px";
    tooltip.style.top = Math.min(box.top + params.pointer.DOM.y + 14, window.innerHeight - tooltip.offsetHeight - 8) + "px";
  });
  network.on("blurEdge", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });
  network.on("click", function (params) {
    if (!params.nodes.length) return;
    var node = nodes.get(params.nodes[0]);
    if (node && node.kind === "Fold") unfold(node.id);
    else showDetails(params.nodes[0]);
  });

  // -- folding: a long group shows its first members and "+34 findings"; a click opens the rest ----
  function unfold(foldId) {
    var fold = nodes.get(foldId);
    if (!fold || fold.hidden) return;
    var row = data.rows[fold.column];
    var shift = (fold.members.length - 1) * row;
    var updates = [];
    nodes.forEach(function (n) {  // make room: the column's nodes below the fold move down
      if (n.column === fold.column && !n.hidden && n.y > fold.y && n.id !== foldId) updates.push({ id: n.id, y: n.y + shift });
    });
    fold.members.forEach(function (id, i) { updates.push({ id: id, x: fold.x, y: fold.y + i * row, hidden: false }); });
    updates.push({ id: foldId, hidden: true });
    nodes.update(updates);
    var shown = edges.get({ filter: function (e) {
      var from = nodes.get(e.from), to = nodes.get(e.to);
      return e.hidden && from && to && !from.hidden && !to.hidden;
    } });
    edges.update(shown.map(function (e) { return { id: e.id, hidden: false }; }));
  }

  function foldHolding(id) {
    var holder = null;
    nodes.forEach(function (n) { if (n.kind === "Fold" && n.members.indexOf(id) >= 0) holder = n.id; });
    return holder;
  }

  // -- search -------------------------------------------------------------------------------
  var haystack = null;  // built on the first search, so opening the page stays fast
  function searchIndex() {
    if (haystack) return haystack;
    haystack = data.nodes.map(function (node) {
      var words = node.fields.map(function (pair) { return pair[1]; })
        .concat(node.sources.map(sourceText)).join("\n").toLowerCase();
      return { id: node.id, label: String(node.label).toLowerCase(), text: words };
    });
    return haystack;
  }

  function rank(entry, query) {
    if (entry.label === query) return 0;
    if (entry.label.indexOf(query) === 0) return 1;
    if (entry.label.indexOf(query) >= 0) return 2;
    if (entry.text.indexOf(query) >= 0) return 3;
    return -1;
  }

  function focusNode(id) {
    var node = nodes.get(id);
    if (node && node.hidden) unfold(foldHolding(id));
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    showDetails(id);
  }

  function search(text) {
    var query = String(text).trim().toLowerCase();
    var result = document.getElementById("search-result");
    if (!query) { result.textContent = ""; return null; }
    if (query !== state.lastQuery) {
      state.lastQuery = query;
      state.matches = searchIndex()
        .map(function (entry, i) { return { id: entry.id, rank: rank(entry, query), i: i }; })
        .filter(function (m) { return m.rank >= 0; })
        .sort(function (a, b) { return a.rank - b.rank || a.i - b.i; })
        .map(function (m) { return m.id; });
      state.matchIndex = -1;
    }
    if (!state.matches.length) { result.textContent = "no match"; return null; }
    state.matchIndex = (state.matchIndex + 1) % state.matches.length;
    var id = state.matches[state.matchIndex];
    focusNode(id);
    result.textContent = (state.matchIndex + 1) + " of " + state.matches.length + " (Enter: next)";
    return id;
  }

  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    search(document.getElementById("search-box").value);
  });

  window.sgkg = { nodes: nodes, edges: edges, network: network, search: search, state: state, unfold: unfold };
})();
