// sitrep live reload: injected into every page by `sitrep serve`, never part of a built site.
// Listens to the preview server's Server-Sent Events and reloads this page when a rebuild
// changed it, swaps stylesheets when only CSS changed, swaps in the notices (error overlay,
// findings panel) of a change that left this page as it was, and reconnects after restarts.
// A dismissed panel stays hidden until its content changes (its key, kept for the tab).
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

  var DISMISSED = "sitrep-dismissed-panel";

  function remembered() {
    try {
      return sessionStorage.getItem(DISMISSED);
    } catch (e) {
      return null;
    }
  }

  // Hides the panel if it is the one dismissed last.
  function applyDismissal() {
    var panel = findPanel();
    if (panel && panel.getAttribute("data-sitrep-key") === remembered()) panel.hidden = true;
  }

  function dismiss(panel) {
    panel.hidden = true;
    try {
      sessionStorage.setItem(DISMISSED, panel.getAttribute("data-sitrep-key"));
    } catch (e) {}
  }

  // The overlay and the panel carry `data-sitrep-notice` (their ids appear nowhere here,
  // so a page without them does not mention them).
  function findPanel() {
    return document.querySelector('[data-sitrep-notice="panel"]');
  }

  function showNotices(html) {
    var old = document.querySelectorAll("[data-sitrep-notice]");
    for (var i = 0; i < old.length; i++) old[i].remove();
    if (html) document.body.insertAdjacentHTML("beforeend", html);
    applyDismissal();
  }

  document.addEventListener("click", function (event) {
    var panel = findPanel();
    var close = event.target.closest && event.target.closest(".sitrep-close");
    if (panel && close && panel.contains(close)) dismiss(panel);
  });
  document.addEventListener("keydown", function (event) {
    var panel = findPanel();
    if (event.key === "Escape" && panel && !panel.hidden && panel.contains(document.activeElement)) {
      dismiss(panel);
    }
  });

  function connect() {
    close();
    source = new EventSource(config.events);
    source.addEventListener("hello", function (event) {
      if (JSON.parse(event.data).build !== build) return reload();
      // Listening, and current: tests wait for this before a save that must not reload.
      window.__sitrepConnected = true;
    });
    source.addEventListener("update", function (event) {
      var message = JSON.parse(event.data);
      build = message.build;
      if (message.all || message.pages.indexOf(config.path) >= 0) return reload();
      if (message.css) swapStylesheets();
      if (typeof message.notices === "string") showNotices(message.notices);
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
  applyDismissal();
  connect();
})();
