var network;  // the vis-network instance, global as on pyvis pages
var nodes;
var edges;
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("graph-data").textContent);
  var WIKIDATA = ["https:", "", "www.wikidata.org", "wiki", ""].join("/");
  nodes = new vis.DataSet(payload.nodes);
  edges = new vis.DataSet(payload.edges);
  network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, payload.options);

  var settled = false;
  function settle() {
    if (settled) { return; }
    settled = true;
    network.setOptions({physics: {enabled: false}});
    network.fit({animation: false});
    if (payload.focus !== null) { network.selectNodes([payload.focus]); showNode(payload.focus); }
    window.viewReady = true;
  }
  if (payload.options.physics.enabled) {
    network.once("stabilizationIterationsDone", settle);
    network.once("stabilized", settle);
    setTimeout(settle, 8000);  // never leave physics running, whatever vis reports
  } else {
    setTimeout(settle, 0);
  }

  var details = document.getElementById("details");
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function articleLine(key) {
    var a = payload.articles[key] || {};
    return (a.title || key) + (a.date ? ", " + a.date : "");
  }
  function articleSource(key) {
    var line = el("div", "\u2014 " + articleLine(key), "source");
    var url = (payload.articles[key] || {}).url;
    if (url && /^https?:\/\//i.test(url)) {
      var link = el("a", "original");
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      line.appendChild(document.createTextNode(" \u00b7 "));
      line.appendChild(link);
    }
    return line;
  }
  function phrase(edge) { return edge.relation + (edge.status ? " (" + edge.status + ")" : ""); }
  function factItem(edge) {
    var item = el("li", null, "fact");
    var s = nodes.get(edge.from), o = nodes.get(edge.to);
    item.appendChild(el("div", s.label + " \u2014" + phrase(edge) + "\u2192 " + o.label, "fact-head"));
    item.appendChild(el("div", "confidence " + Number(edge.confidence).toFixed(2) + " \u00b7 " +
                               edge.evidence.length + " article(s)", "meta"));
    var list = el("ul");
    edge.evidence.forEach(function (ev) {
      var li = el("li");
      li.appendChild(ev.sentence ? el("q", ev.sentence) : el("span", "entity link", "meta"));
      li.appendChild(articleSource(ev.article));
      list.appendChild(li);
    });
    item.appendChild(list);
    return item;
  }
  function pageHref(id) { return payload.siteRoot + "entities/" + id + ".html"; }

  window.showNode = function (id) {
    var node = nodes.get(id);
    if (!node) { return; }
    clear(details);
    details.appendChild(el("h2", node.label));
    details.appendChild(el("div", node.kgType + " \u00b7 " + node.id, "meta"));
    if (node.aliases.length) { details.appendChild(el("div", "Also: " + node.aliases.join(", "))); }
    if (node.wikidata && /^Q[0-9]+$/.test(node.wikidata)) {
      var link = el("a", "Wikidata " + node.wikidata);
      link.href = WIKIDATA + node.wikidata;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      details.appendChild(el("div")).appendChild(link);
    }
    if (payload.siteRoot !== null) {
      var page = el("a", "Open this entity's page");
      page.href = pageHref(node.id);
      details.appendChild(el("div")).appendChild(page);
    }
    var facts = edges.get(network.getConnectedEdges(id));
    details.appendChild(el("h3", "Facts in this view (" + facts.length + " of " + node.factCount + ")"));
    var list = el("ul");
    facts.forEach(function (edge) { list.appendChild(factItem(edge)); });
    details.appendChild(list);
    details.appendChild(el("h3", "Mentioned in " + node.articles.length + " article(s)"));
    var mentions = el("ul");
    node.articles.forEach(function (key) { mentions.appendChild(el("li", articleLine(key))); });
    details.appendChild(mentions);
  };
  window.showEdge = function (id) {
    var edge = edges.get(id);
    if (!edge) { return; }
    clear(details);
    details.appendChild(el("h2", "Fact"));
    var list = el("ul");
    list.appendChild(factItem(edge));
    details.appendChild(list);
  };
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });
  if (payload.siteRoot !== null) {
    network.on("doubleClick", function (params) {
      if (params.nodes.length) { window.location.href = pageHref(params.nodes[0]); }
    });
  }

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  var datalist = document.getElementById("entity-names");
  nodes.get().map(function (n) { return n.label; }).sort().forEach(function (label) {
    var option = document.createElement("option");
    option.value = label;
    datalist.appendChild(option);
  });
  window.focusNode = function (query) {
    var wanted = fold(query);
    var status = document.getElementById("search-status");
    status.textContent = "";
    if (!wanted) { return null; }
    var all = nodes.get();
    function namesOf(n) { return [n.label, n.id, n.wikidata || ""].concat(n.aliases).map(fold); }
    var hit = all.find(function (n) { return namesOf(n).indexOf(wanted) >= 0; }) ||
              all.find(function (n) { return namesOf(n).some(function (x) { return x.indexOf(wanted) === 0; }); }) ||
              all.find(function (n) { return namesOf(n).some(function (x) { return x.indexOf(wanted) >= 0; }); });
    if (!hit) { status.textContent = "no entity matches"; return null; }
    network.selectNodes([hit.id]);
    network.focus(hit.id, {scale: 1.3, animation: false});
    showNode(hit.id);
    return hit.id;
  };
  var search = document.getElementById("search");
  search.addEventListener("change", function () { focusNode(search.value); });
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") { focusNode(search.value); } });
})();
