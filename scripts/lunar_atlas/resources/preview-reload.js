// make serve: reload the open page once the package changes, or once the preview has started again.
(function () {
  var seen = window.laPreview;
  function later() { setTimeout(ask, 1000); }
  function ask() {
    fetch("/.preview/changes?since=" + seen.generation, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (now) {
        if (now.server !== seen.server || now.generation !== seen.generation) { location.reload(); }
        else { ask(); }
      }, later);
  }
  ask();
})();
