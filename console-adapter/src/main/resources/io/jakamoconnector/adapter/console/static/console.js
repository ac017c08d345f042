// Shows every <time datetime="..."> in the browser's own time zone, with the zone's name. No inline script anywhere:
// the Content-Security-Policy allows only this file.
document.addEventListener('DOMContentLoaded', function () {
  var format = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hour12: false, timeZoneName: 'short'
  });
  document.querySelectorAll('time[datetime]').forEach(function (t) {
    var at = new Date(t.getAttribute('datetime'));
    if (!isNaN(at)) {
      t.title = t.getAttribute('datetime');
      t.textContent = format.format(at);
    }
  });
});
