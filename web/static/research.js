// Concordance page: while the whole concordance is being counted, the first page is shown from
// the stream; this fills in the totals and the spellings when they are ready (the page works
// without it: reloading shows them).
(function () {
  "use strict";
  var count = document.getElementById("kwic-count");
  if (!count || !count.dataset.counts) return;
  fetch(count.dataset.counts, {headers: {"Accept": "application/json"}})
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data) return;
      var n = function (x) { return x.toLocaleString("vi-VN"); };
      count.textContent = n(data.total_lines) + " lần xuất hiện trong " + n(data.documents_with_lines) +
        " văn bản (tìm kiếm khớp " + n(data.documents) + " văn bản).";
      var section = document.getElementById("spellings");
      var list = section.querySelector("ul");
      list.textContent = "";
      data.spellings.forEach(function (s) {
        var li = document.createElement("li");
        var span = document.createElement("span");
        span.className = "spelling";
        span.lang = "vi";
        span.textContent = s.spelling;
        li.appendChild(span);
        li.appendChild(document.createTextNode(": " + n(s.count)));
        list.appendChild(li);
      });
      section.hidden = data.spellings.length === 0;
    });
})();
