// Simulated Embedded Signup dialog (Meta sandbox). Plain browser JS, loaded from the sandbox (no inline script).
// Finish: POST finish (mints the code in the Sinch sandbox), then post to the opener, in the configured order
// and delay, the WA_EMBEDDED_SIGNUP message (a JSON string, as Meta sends it) and the login code, then close.
(function () {
  'use strict';
  var root = document.getElementById('es');
  if (!root) return;
  var d = root.dataset;
  var target = d.origin;
  var screens = Array.prototype.slice.call(document.querySelectorAll('section[data-step]'));
  var flow = screens
    .map(function (s) { return s.getAttribute('data-step'); })
    .filter(function (s) { return s !== 'REPORT' && s !== 'DONE'; });
  var current = flow[0];
  var before = current;
  var ended = false;

  function show(step) {
    screens.forEach(function (s) { s.hidden = s.getAttribute('data-step') !== step; });
    document.querySelectorAll('.steps li').forEach(function (li) {
      li.className = li.getAttribute('data-for') === step ? 'current' : '';
    });
    if (flow.indexOf(step) >= 0) current = step;
    document.body.setAttribute('data-screen', step);
  }

  function post(payload) {
    var text = JSON.stringify(payload);
    if (window.opener && !window.opener.closed) window.opener.postMessage(text, target);
  }

  function done(title, text, closeAfter) {
    ended = true;
    show('DONE');
    document.getElementById('done-title').textContent = title;
    document.getElementById('done-text').textContent = text || '';
    if (closeAfter && window.opener) setTimeout(function () { window.close(); }, 150);
  }

  function es(event, data) {
    return { type: 'WA_EMBEDDED_SIGNUP', event: event, version: 3, data: data };
  }

  function value(id) {
    var el = document.getElementById(id);
    return el ? el.value : '';
  }

  function finish() {
    if (ended) return;
    ended = true;
    // The event and its data keys come from the server (finish-variants.ts): exactly what Meta sends.
    var event = d.event;
    var wabaId = value('waba') || d.wabaId;
    var values = {
      phone_number_id: d.phoneNumberId,
      waba_id: wabaId,
      business_id: d.businessId,
      // The session-info arrays (several numbers shared): finish-variants.ts decides whether they are sent.
      waba_ids: [wabaId],
      phone_number_ids: (d.phoneNumberIds || '').split(' ').filter(Boolean)
    };
    var data = {};
    d.fields.split(' ').forEach(function (k) { data[k] = values[k]; });
    show('DONE');
    document.getElementById('done-title').textContent = 'Finishing…';
    // The WABA and its numbers go to the sandbox's Graph (GET /{waba}/phone_numbers lists them); the code is tied to the WABA.
    var numbers = JSON.parse(d.numbers || '[]');
    fetch('finish', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ wabaId: wabaId, numbers: numbers }) })
      .then(function (res) {
        if (!res.ok) throw new Error('finish: HTTP ' + res.status);
        return res.json();
      })
      .then(function (minted) {
        var order = d.order || minted.order || 'message-first';
        var delay = d.delayMs !== undefined ? Number(d.delayMs) : Number(minted.delayMs || 0);
        var message = es(event, data);
        var login = {
          type: 'WA_SANDBOX_LOGIN',
          status: 'connected',
          authResponse: { code: minted.code, userID: null, expiresIn: null, graphDomain: 'facebook' }
        };
        var halves = order === 'code-first' ? [login, message] : [message, login];
        document.body.setAttribute('data-code-issued-at', minted.issuedAt);
        if (!window.opener) {
          done('Finished', 'No opener window: code ' + minted.code + ', ' + JSON.stringify(data), false);
          return;
        }
        post(halves[0]);
        document.body.setAttribute('data-delivered', '1');
        setTimeout(function () {
          post(halves[1]);
          document.body.setAttribute('data-delivered', '2');
          done("You're all set", 'Returning to the page…', true);
        }, delay);
      })
      .catch(function (e) {
        ended = false;
        show(current);
        alert('Sandbox: could not finish (' + e.message + ')');
      });
  }

  root.addEventListener('click', function (e) {
    var btn = e.target.closest ? e.target.closest('button[data-action]') : null;
    if (!btn || ended) return;
    var action = btn.getAttribute('data-action');
    var i = flow.indexOf(current);
    if (action === 'next') show(flow[Math.min(i + 1, flow.length - 1)]);
    else if (action === 'back') show(flow[Math.max(i - 1, 0)]);
    else if (action === 'finish') finish();
    else if (action === 'cancel') {
      post(es('CANCEL', { current_step: btn.getAttribute('data-step') || current }));
      done('Cancelled', 'You can close this window.', true);
    } else if (action === 'report') {
      before = current;
      show('REPORT');
    } else if (action === 'back-from-report') show(before);
    else if (action === 'send-error') {
      post(es('CANCEL', {
        error_message: value('error-message'),
        error_code: value('error-code'),
        error_id: String(Date.now()),
        session_id: d.sessionId,
        timestamp: Math.floor(Date.now() / 1000)
      }));
      done('Report sent', 'You can close this window.', true);
    } else if (action === 'close') window.close();
  });

  show(current);
  document.body.setAttribute('data-ready', '1');
})();
