{{%AUTOESCAPE context="HTML"}}<div class="t-container">
  <nav class="t-breadcrumb" aria-label="{{m_breadcrumb_label}}">
    <ol class="t-breadcrumb__list">
      <li><a href="{{HOME_URL}}">{{m_breadcrumb_home}}</a></li>
      <li><a href="{{ORGANISATIONS_URL}}">{{m_breadcrumb_organisations}}</a></li>
      <li><span aria-current="page">{{NAME}}</span></li>
    </ol>
  </nav>
  <div class="t-page-header">
    <h1 class="t-page-header__title">{{NAME}}</h1>
    <ul class="t-badges">
      {{#QUALIOPI}}<li class="t-badge t-badge--label">{{m_organisation_qualiopi}}</li>{{/QUALIOPI}}
      {{#DEMO}}<li class="t-badge t-badge--demo">{{m_badge_demo}}</li>{{/DEMO}}
    </ul>
    <p class="t-lead" lang="fr">{{DESCRIPTION}}</p>
  </div>
  {{#DEMO}}<div class="t-alert t-alert--warning"><p>{{m_organisation_demo_notice}}</p></div>{{/DEMO}}
  <div class="t-panel">
    <dl class="t-fiche t-fiche--grid">
      {{#CONTACT}}<div class="t-fiche__row"><dt class="t-fiche__key">{{KEY}}</dt><dd class="t-fiche__value">{{#LINK}}<a href="{{HREF}}">{{TEXT}}</a>{{/LINK}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}</dd></div>
      {{/CONTACT}}
    </dl>
  </div>
  <section class="t-section" aria-labelledby="organisation-courses">
    <h2 class="t-section__title" id="organisation-courses">{{COURSES_TITLE}}</h2>
    <ol class="t-results t-results--grid">
      {{#CARD}}{{>CARD_ITEM}}{{/CARD}}
    </ol>
  </section>
</div>
