// An OCR job's page follows its progress: asks the server every second and reloads the
// page, with its results, once the job has ended. Without scripts the page has a link.
(function () {
  "use strict";
  var job = document.querySelector("[data-job-progress]");
  if (!job || !window.fetch) { return; }
  var url = job.getAttribute("data-job-progress");
  var bar = document.getElementById("job-progress");
  var stage = document.getElementById("job-stage");
  function tick() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        if (j.state !== "running") { window.location.reload(); return; }
        if (bar) { bar.max = j.total; bar.value = j.done; bar.textContent = j.done + " of " + j.total; }
        var text = j.stage + ": " + j.done + " of " + j.total + " done.";
        if (stage && stage.textContent !== text) { stage.textContent = text; }
        window.setTimeout(tick, 1000);
      })
      .catch(function () { window.setTimeout(tick, 3000); });
  }
  window.setTimeout(tick, 1000);
}());
