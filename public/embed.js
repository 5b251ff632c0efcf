/*! Marsad embed loader — turns <div data-marsad-embed="QUERY"> into auto-sized iframes.
 * Dependency-free. Accepts a height message only from the very iframe it created, from the
 * widget's origin, in the expected shape; clamps it; never navigates because of a message. */
(function () {
  'use strict';
  var SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';
  // MAX bounds a widget gone wrong, not a reader's "Show more": a timeline widget with its list
  // shown in full is 5,000-7,000 px tall on a phone, and must not scroll inside its frame.
  var TYPE = 'marsad:height', VERSION = 1, MIN = 120, MAX = 30000;
  var script = document.currentScript;
  var base = new URL('./', script && script.src ? script.src : location.href);
  var frames = [];

  function mount(el) {
    if (el.getAttribute('data-marsad-mounted')) return;
    el.setAttribute('data-marsad-mounted', '1');
    var query = (el.getAttribute('data-marsad-embed') || '').replace(/^\?/, '');
    if (!/(^|&)embed=/.test(query)) query = 'embed=timeline' + (query ? '&' + query : '');
    var src = new URL('?' + query, base);
    var lang = new URLSearchParams(query).get('lang') === 'en' ? 'en' : 'ar';
    var iframe = document.createElement('iframe');
    iframe.src = src.href;
    iframe.title = el.getAttribute('data-marsad-title') ||
      (lang === 'en' ? 'Marsad: cyber-diplomacy events' : 'مرصد: أحداث الدبلوماسية السيبرانية');
    iframe.loading = 'lazy';
    iframe.setAttribute('sandbox', SANDBOX);
    iframe.style.width = '100%';
    iframe.style.border = '0';
    iframe.style.display = 'block';
    iframe.style.height = (Number(el.getAttribute('data-marsad-height')) || 480) + 'px';
    el.appendChild(iframe);
    el.style.minHeight = ''; // the snippet's placeholder height: the iframe holds it now
    frames.push(iframe);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== base.origin) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== TYPE || data.version !== VERSION) return;
    var height = Number(data.height);
    if (!isFinite(height)) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.round(Math.min(MAX, Math.max(MIN, height))) + 'px';
        return;
      }
    }
  });

  function scan() {
    var els = document.querySelectorAll('[data-marsad-embed]');
    for (var i = 0; i < els.length; i++) mount(els[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
