// Fake FB JS SDK of the Meta sandbox. Plain browser JS; the sandbox appends a call to
// window.__fbSandboxBoot({dialogUrl, dialogOrigin, redispatch, order?, delayMs?, finishEvent?, numbers?}).
// FB.login opens the simulated Embedded Signup dialog in a popup (synchronously, inside the caller's click)
// and listens only to that popup (event.source) on the dialog's origin (event.origin).
(function () {
  'use strict';
  var FACEBOOK_ORIGIN = 'https://www.facebook.com';

  window.__fbSandboxBoot = function (CONFIG) {
    delete window.__fbSandboxBoot;
    if (window.FB && window.FB.__sandbox) return;

    var initOptions = null;
    var login = null; // {popup, callback, called, poll}
    var seq = 0;

    function later(fn) { setTimeout(fn, 0); }

    function callBack(l, response, now) {
      if (l.called) return;
      l.called = true;
      if (now) l.callback(response);
      else later(function () { l.callback(response); });
    }

    function unknown() { return { authResponse: null, status: 'unknown' }; }

    function parse(data) {
      if (typeof data !== 'string') return data && typeof data === 'object' ? data : null;
      try { return JSON.parse(data); } catch (e) { return null; }
    }

    window.addEventListener('message', function (event) {
      var l = login;
      if (!l || event.source !== l.popup || event.origin !== CONFIG.dialogOrigin) return;
      var msg = parse(event.data);
      if (!msg || typeof msg !== 'object') return;
      if (msg.type === 'WA_SANDBOX_LOGIN') {
        // At once, so that the two halves reach the page in the order the dialog sent them.
        callBack(l, { status: msg.status || 'connected', authResponse: msg.authResponse || null }, true);
      } else if (msg.type === 'WA_EMBEDDED_SIGNUP' && CONFIG.redispatch) {
        // The one place where the sandbox speaks as Facebook: the dialog runs on the sandbox's origin, so the
        // page would (rightly) reject its message; re-dispatch it as Meta's popup would have posted it.
        window.dispatchEvent(new MessageEvent('message', { data: event.data, origin: FACEBOOK_ORIGIN }));
      }
    });

    function dialogUrl(options) {
      var o = options || {};
      var extras = o.extras || {};
      var setup = extras.setup || {};
      var q = {
        app_id: initOptions.appId || '',
        config_id: o.config_id || '',
        response_type: o.response_type || '',
        override_default_response_type: o.override_default_response_type ? '1' : '',
        feature_type: extras.featureType || '',
        session_info_version: extras.sessionInfoVersion || '',
        es_version: extras.version || '',
        features: extras.features ? JSON.stringify(extras.features) : '',
        setup: JSON.stringify(setup),
        solution_id: setup.solutionID || '',
        origin: location.origin,
        display: 'popup'
      };
      if (CONFIG.order) q.order = CONFIG.order;
      if (CONFIG.delayMs !== undefined) q.delayMs = String(CONFIG.delayMs);
      if (CONFIG.finishEvent) q.finish_event = CONFIG.finishEvent;
      if (CONFIG.numbers !== undefined) q.numbers = String(CONFIG.numbers);
      var parts = [];
      for (var k in q) if (q[k] !== '') parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(q[k]));
      return CONFIG.dialogUrl + '?' + parts.join('&');
    }

    var FB = {
      __sandbox: true,
      __config: CONFIG,
      init: function (options) {
        if (!options || !options.appId) console.error('FB.init: appId is required');
        initOptions = options || {};
      },
      login: function (callback, options) {
        if (typeof callback !== 'function') callback = function () {};
        if (!initOptions) {
          console.error('FB.login() called before FB.init().');
          return;
        }
        if (login && !login.called) {
          // A second login while one is open: the first one ends without an answer, as in Meta's SDK.
          var prev = login;
          clearInterval(prev.poll);
          try { prev.popup.close(); } catch (e) { /* cross-origin or gone */ }
          callBack(prev, unknown());
        }
        var w = 600, h = 680;
        var left = Math.max(0, (window.screenX || 0) + ((window.outerWidth || w) - w) / 2);
        var top = Math.max(0, (window.screenY || 0) + ((window.outerHeight || h) - h) / 2);
        var popup = window.open(dialogUrl(options), 'fb_es_sandbox_' + ++seq,
          'popup=yes,width=' + w + ',height=' + h + ',left=' + Math.round(left) + ',top=' + Math.round(top));
        var l = { popup: popup, callback: callback, called: false, poll: 0 };
        login = l;
        if (!popup) {
          // Blocked popup: Meta answers with no authResponse.
          callBack(l, unknown());
          return;
        }
        l.poll = setInterval(function () {
          if (!popup.closed) return;
          clearInterval(l.poll);
          // Let messages the dialog posted right before closing arrive first.
          setTimeout(function () {
            callBack(l, unknown());
            if (login === l) login = null;
          }, 300);
        }, 200);
      },
      getLoginStatus: function (callback) {
        if (typeof callback === 'function') later(function () { callback(unknown()); });
      },
      getAuthResponse: function () { return null; },
      logout: function (callback) {
        if (typeof callback === 'function') later(function () { callback(unknown()); });
      },
      AppEvents: { logPageView: function () {}, logEvent: function () {} },
      XFBML: { parse: function () {} }
    };
    window.FB = FB;
    if (typeof window.fbAsyncInit === 'function' && !window.fbAsyncInit.hasRun) {
      window.fbAsyncInit.hasRun = true;
      window.fbAsyncInit();
    }
  };
})();
