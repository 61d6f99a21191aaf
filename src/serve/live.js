// sitrep live reload: injected into every page by `sitrep serve`, never part of a built site.
// Listens to the preview server's Server-Sent Events and reloads this page when a rebuild
// changed it, swaps stylesheets when only CSS changed, and reconnects after restarts.
(function () {
  "use strict";
  var config = __SITREP_CONFIG__;
  if (!window.EventSource || window.__sitrepLive) return;
  window.__sitrepLive = true;
  // The build this page was served from; a different one on (re)connect means the site
  // changed while the page was not listening.
  var build = config.build;
  var source = null;
  var retry = null;

  function close() {
    if (source) {
      source.close();
      source = null;
    }
    if (retry) {
      clearTimeout(retry);
      retry = null;
    }
  }

  function reload() {
    close();
    location.reload();
  }

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("sitrep", Date.now().toString(36));
      links[i].href = url.href;
    }
  }

  function connect() {
    close();
    source = new EventSource(config.events);
    source.addEventListener("hello", function (event) {
      if (JSON.parse(event.data).build !== build) reload();
    });
    source.addEventListener("update", function (event) {
      var message = JSON.parse(event.data);
      build = message.build;
      if (message.all || message.pages.indexOf(config.path) >= 0) reload();
      else if (message.css) swapStylesheets();
    });
    source.onerror = function () {
      // After a dropped connection the browser retries by itself (the server sent
      // `retry:`); after an error status it gives up, so try again a little later.
      if (source && source.readyState === EventSource.CLOSED) {
        retry = setTimeout(connect, 1000);
      }
    };
  }

  // Free the connection when the page goes away (browsers allow ~6 per server), and
  // listen again if it comes back from the back/forward cache.
  window.addEventListener("pagehide", close);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) connect();
  });
  connect();
})();
