// Tailgate dashboard: live countdowns (from data-due) and a self-refreshing jeopardy board. No framework, no build.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var MINUTE = 60000,
    HOUR = 60 * MINUTE,
    DAY = 24 * HOUR;

  // Same text as web/format.ts countdownText().
  function countdown(ms) {
    var abs = Math.abs(ms),
      text;
    if (abs >= DAY) text = Math.floor(abs / DAY) + ' d ' + Math.floor((abs % DAY) / HOUR) + ' h';
    else {
      var h = Math.floor(abs / HOUR),
        m = Math.floor((abs % HOUR) / MINUTE),
        s = Math.floor((abs % MINUTE) / 1000);
      text = (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + s + ' s';
    }
    return text + (ms >= 0 ? ' left' : ' overdue');
  }

  // The server's clock may differ from the browser's: count from the server's "now" when the page says it.
  var skew = 0;

  function tick() {
    var now = Date.now() + skew;
    document.querySelectorAll('[data-due]').forEach(function (el) {
      var left = Date.parse(el.getAttribute('data-due')) - now;
      el.textContent = countdown(left);
      el.classList.toggle('overdue', left < 0);
    });
  }

  function readSkew(root) {
    var stamp = root.querySelector('[data-server-now]');
    if (stamp) skew = Date.parse(stamp.getAttribute('data-server-now')) - Date.now();
  }

  function refresh(board) {
    fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) {
        if (res.redirected || !res.ok) {
          location.reload();
          return null;
        }
        return res.text();
      })
      .then(function (html) {
        if (!html) return;
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('board');
        if (next) {
          board.replaceWith(next);
          readSkew(next);
          tick();
          schedule(next);
        }
      })
      .catch(function () {
        schedule(board);
      });
  }

  function schedule(board) {
    var seconds = Number(board.getAttribute('data-refresh-seconds')) || 30;
    setTimeout(function () {
      refresh(board);
    }, seconds * 1000);
  }

  document.addEventListener('DOMContentLoaded', function () {
    readSkew(document);
    tick();
    setInterval(tick, 1000);
    var board = document.getElementById('board');
    if (board) schedule(board);
  });
})();
