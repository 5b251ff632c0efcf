// Written by marsad-dist. Runs from the page's head, before the first paint: a static page's
// content shows only where it is the view the URL names. A query string names another view (the
// app draws it); so does the app's shell answered by the worker for another page offline (its
// <base> is then the site root, not the page's folder).
(function () {
  // Scripts run: the static page's buttons will work once the app takes over (the CSS hides
  // them when nothing would ever make them work).
  document.documentElement.setAttribute('data-js', '');
  var here = location.pathname.replace(/index\.html$/, '');
  var base = new URL('./', document.baseURI).pathname;
  if (location.search.length > 1 || base !== here) document.documentElement.setAttribute('data-query', '');
})();
