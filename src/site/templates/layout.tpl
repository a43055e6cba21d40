{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} – Tremplin</title>
<meta name="description" content="{{DESCRIPTION}}">
{{#NOINDEX}}<meta name="robots" content="noindex">
{{/NOINDEX}}<link rel="icon" href="/assets/img/favicon.svg?v={{ASSET_VERSION}}" type="image/svg+xml">
<link rel="stylesheet" href="/assets/css/tremplin.css?v={{ASSET_VERSION}}">
{{! Nothing is painted before the footer is parsed: a page painted while its HTML is still arriving
    (a slow or stalled connection) would move under the reader once the rest lays out. }}<link rel="expect" href="#pied-de-page" blocking="render">
{{#THEME}}<link rel="stylesheet" href="/assets/css/theme.css?v={{ASSET_VERSION}}">
{{/THEME}}<script src="/assets/js/tremplin.js?v={{ASSET_VERSION}}" defer></script>
</head>
<body class="t-body">
<div class="t-skiplinks">
  <a class="t-skiplinks__link" href="#contenu">{{m_layout_skip_content}}</a>
  {{#HAS_SEARCH_FORM}}<a class="t-skiplinks__link" href="#recherche">{{m_layout_skip_search}}</a>{{/HAS_SEARCH_FORM}}
</div>
<header class="t-header">
  {{#DEMO_SITE}}<div class="t-banner t-banner--demo">
    <p class="t-banner__text t-container"><span><strong>{{m_demo_banner_title}}</strong> {{m_demo_banner_text}}</span></p>
  </div>{{/DEMO_SITE}}
  <div class="t-header__inner t-container">
    <div class="t-header__brand">
      <a class="t-header__home" href="{{HOME_URL}}">
        <img class="t-header__logo" src="/assets/img/logo.svg?v={{ASSET_VERSION}}" alt="" width="40" height="40">
        <span class="t-header__name">Tremplin</span>
      </a>
      <p class="t-header__tagline">{{m_layout_tagline}}</p>
    </div>
    <a class="t-header__lang" href="{{SWITCH_URL}}" hreflang="{{SWITCH_LANG}}" lang="{{SWITCH_LANG}}">{{m_layout_switch_language}}</a>
    <nav class="t-nav" aria-label="{{m_layout_main_menu}}">
      <ul class="t-nav__list">
        <li><a class="t-nav__link" href="{{SEARCH_URL}}"{{#NAV_SEARCH}} aria-current="page"{{/NAV_SEARCH}}>{{m_layout_nav_search}}</a></li>
        <li><a class="t-nav__link" href="{{ORGANISATIONS_URL}}"{{#NAV_ORGANISATIONS}} aria-current="page"{{/NAV_ORGANISATIONS}}>{{m_layout_nav_organisations}}</a></li>
        <li><a class="t-nav__link" href="{{ACCOUNT_URL}}"{{#NAV_ACCOUNT}} aria-current="page"{{/NAV_ACCOUNT}}>{{m_layout_nav_account}}</a></li>
      </ul>
    </nav>
  </div>
</header>
<main class="t-main" id="contenu" tabindex="-1">
{{>CONTENT}}
</main>
<footer class="t-footer" id="pied-de-page">
  <div class="t-container t-footer__inner">
    <div>
      <p class="t-footer__brand"><img src="/assets/img/logo.svg?v={{ASSET_VERSION}}" alt="" width="32" height="32">Tremplin</p>
      <p class="t-footer__text">{{m_layout_footer_text}}</p>
    </div>
    {{#DEMO_SITE}}<p class="t-footer__notice"><strong>{{m_demo_footer_title}}</strong> {{m_demo_footer_text}}</p>{{/DEMO_SITE}}
    <ul class="t-footer__links">
      <li><a href="{{LEGAL_URL}}">{{m_layout_legal}}</a></li>
      <li><a href="{{ACCESSIBILITY_URL}}">{{m_layout_accessibility}}</a></li>
      <li><a href="/api/v1/openapi.yaml">{{m_layout_api}}</a></li>
    </ul>
  </div>
</footer>
</body>
</html>
