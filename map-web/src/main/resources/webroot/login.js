/* Kawamori login page: logs in through POST /api/v1/session (the cookie is HttpOnly; this script never
   sees it) and goes on to ?next= when it is a path of this site, otherwise to the role's page. */
(function () {
  'use strict';

  var TEXT = {
    ja: {
      title: 'Kawamori 川守り ログイン',
      lead: '防災担当者・ご家族・管理者の方はログインしてください。',
      login: 'ログイン名',
      password: 'パスワード',
      submit: 'ログイン',
      linkNote: 'ご家族用リンクをお持ちの方は、そのリンクを開くとパスワードなしで見守りページが開きます。',
      publicMap: '公開の水位地図へ（ログイン不要）',
      wrong: 'ログイン名またはパスワードが違います。',
      missing: 'ログイン名とパスワードを入力してください。',
      tooMany: function (s) { return 'ログインの失敗が続いたため、' + s + ' 秒後に再度お試しください。'; },
      unavailable: 'ただいまログインできません。しばらくしてから再度お試しください。',
      other: '管理者の方は /api/v1/admin/ をご利用ください。',
      toggle: 'English'
    },
    en: {
      title: 'Kawamori log in',
      lead: 'Disaster officers, families and administrators: please log in.',
      login: 'Login',
      password: 'Password',
      submit: 'Log in',
      linkNote: 'If you have a family link, open it: it opens your family page without a password.',
      publicMap: 'To the public water-level map (no login)',
      wrong: 'The login or the password is wrong.',
      missing: 'Enter your login and password.',
      tooMany: function (s) { return 'Too many failed logins: try again in ' + s + ' s.'; },
      unavailable: 'Logging in is not possible right now. Please try again shortly.',
      other: 'Administrators: use /api/v1/admin/.',
      toggle: '日本語'
    }
  };

  var lang = (function () {
    try { return localStorage.getItem('kawamori.lang') === 'en' ? 'en' : 'ja'; } catch (e) { return 'ja'; }
  })();

  function t(key) { return TEXT[lang][key]; }

  function applyLang() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    var toggle = document.getElementById('lang-toggle');
    toggle.textContent = t('toggle');
    toggle.lang = lang === 'ja' ? 'en' : 'ja';
    document.title = t('title');
  }

  /* Only a path of this site: "/x" but not "//host" or "/\host" (which browsers treat as another host). */
  function nextPage(role) {
    var next = new URLSearchParams(location.search).get('next');
    if (next && /^\/(?![\/\\])/.test(next)) { return next; }
    if (role === 'officer') { return '/officer.html'; }
    if (role === 'family') { return '/family.html'; }
    return '/';
  }

  function show(message) {
    var box = document.getElementById('message');
    box.textContent = message;
    box.hidden = false;
  }

  function submit(event) {
    event.preventDefault();
    var login = document.getElementById('login').value.trim();
    var password = document.getElementById('password').value;
    if (!login || !password) { show(t('missing')); return; }
    var button = document.getElementById('submit');
    button.disabled = true;
    fetch('/api/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ login: login, password: password })
    }).then(function (r) {
      if (r.ok) {
        return r.json().then(function (session) { location.assign(nextPage(session.role)); });
      }
      document.getElementById('password').value = '';
      if (r.status === 401) { show(t('wrong')); }
      else if (r.status === 429) { show(t('tooMany')(r.headers.get('Retry-After') || '60')); }
      else if (r.status === 400) { show(t('missing')); }
      else { show(t('unavailable')); }
    }).catch(function () {
      show(t('unavailable'));
    }).then(function () { button.disabled = false; });
  }

  document.addEventListener('DOMContentLoaded', function () {
    applyLang();
    document.getElementById('lang-toggle').addEventListener('click', function () {
      lang = lang === 'ja' ? 'en' : 'ja';
      try { localStorage.setItem('kawamori.lang', lang); } catch (e) { /* private mode */ }
      applyLang();
    });
    document.getElementById('login-form').addEventListener('submit', submit);
    document.getElementById('login').focus();
  });
})();
