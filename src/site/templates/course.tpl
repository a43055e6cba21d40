{{%AUTOESCAPE context="HTML"}}<div class="t-container">
  <nav class="t-breadcrumb" aria-label="{{m_breadcrumb_label}}">
    <ol class="t-breadcrumb__list">
      <li><a href="{{HOME_URL}}">{{m_breadcrumb_home}}</a></li>
      <li><a href="{{SEARCH_URL}}">{{m_breadcrumb_courses}}</a></li>
      <li><span aria-current="page" lang="fr">{{TITLE}}</span></li>
    </ol>
  </nav>
  <div class="t-page-header">
    <h1 class="t-page-header__title" lang="fr">{{TITLE}}</h1>
    <p class="t-card__org"><a href="{{ORGANISATION_URL}}">{{ORGANISATION}}</a>{{#PLACE}} · {{PLACE_LABEL}}{{/PLACE}}</p>
    <ul class="t-badges">
      {{#LABELLED}}<li class="t-badge t-badge--label">{{m_badge_labelled}}</li>{{/LABELLED}}
      <li class="t-badge t-badge--{{MODE_CLASS}}">{{MODE_LABEL}}</li>
      {{#DEMO}}<li class="t-badge t-badge--demo">{{m_badge_demo}}</li>{{/DEMO}}
    </ul>
    <p class="t-lead" lang="fr">{{SUMMARY}}</p>
  </div>
  {{#LABEL_WARNING}}<div class="t-alert t-alert--warning"><p>{{TEXT}}</p></div>{{/LABEL_WARNING}}
  <dl class="t-keyfacts">
    <div class="t-keyfacts__item t-keyfacts__item--wide"><dt class="t-keyfacts__label">{{m_course_leads_to}}</dt><dd class="t-keyfacts__value">{{PROFESSIONS}}</dd></div>
    <div class="t-keyfacts__item"><dt class="t-keyfacts__label">{{m_course_duration}}</dt><dd class="t-keyfacts__value">{{DURATION}}</dd></div>
    <div class="t-keyfacts__item"><dt class="t-keyfacts__label">{{m_course_mode}}</dt><dd class="t-keyfacts__value">{{MODE_LABEL}}</dd></div>
    <div class="t-keyfacts__item"><dt class="t-keyfacts__label">{{m_course_cost}}</dt><dd class="t-keyfacts__value">{{COST}}</dd></div>
    <div class="t-keyfacts__item"><dt class="t-keyfacts__label">{{m_course_level}}</dt><dd class="t-keyfacts__value">{{LEVEL}}</dd></div>
    <div class="t-keyfacts__item"><dt class="t-keyfacts__label">{{m_course_next_session}}</dt><dd class="t-keyfacts__value">{{NEXT_SESSION}}</dd></div>
  </dl>
  <nav class="t-tabs" aria-label="{{m_course_sections}}">
    <ul class="t-tabs__list">
      <li><a class="t-tabs__link" href="#presentation">{{m_course_presentation}}</a></li>
      <li><a class="t-tabs__link" href="#sessions">{{SESSIONS_TAB}}</a></li>
      <li><a class="t-tabs__link" href="#organisme">{{m_course_organisation}}</a></li>
      <li><a class="t-tabs__link" href="#label">{{m_course_label}}</a></li>
    </ul>
  </nav>
  <div class="t-layout t-layout--aside">
    <div>
      <section class="t-section" aria-labelledby="presentation">
        <h2 class="t-section__title" id="presentation">{{m_course_presentation}}</h2>
        <dl class="t-fiche">
          {{#FIELD}}<div class="t-fiche__row"><dt class="t-fiche__key">{{KEY}}</dt><dd class="t-fiche__value">{{#BLOCK}}{{#PARAGRAPH}}<p>{{TEXT}}</p>{{/PARAGRAPH}}{{#LIST}}<ul>{{#ITEM}}<li>{{TEXT}}</li>{{/ITEM}}</ul>{{/LIST}}{{/BLOCK}}</dd></div>
          {{/FIELD}}
        </dl>
      </section>
      <section class="t-section" aria-labelledby="sessions">
        <h2 class="t-section__title" id="sessions">{{m_course_sessions}}</h2>
        {{#NO_SESSIONS}}<p class="t-empty">{{m_course_no_sessions}}</p>{{/NO_SESSIONS}}
        {{#PLACE_GROUP}}<div class="t-table-wrapper" role="region" aria-labelledby="sessions-{{INDEX}}" tabindex="0">
          <table class="t-table">
            <caption id="sessions-{{INDEX}}">{{CAPTION}}{{#HIGHLIGHT}} <span class="t-badge t-badge--label">{{m_course_place_searched}}</span>{{/HIGHLIGHT}}</caption>
            <thead>
              <tr><th scope="col">{{m_session_dates}}</th><th scope="col">{{m_session_address}}</th><th scope="col">{{m_session_enrolment}}</th><th scope="col" class="t-table__num">{{m_session_capacity}}</th><th scope="col">{{m_session_state}}</th></tr>
            </thead>
            <tbody>
              {{#SESSION}}<tr><td>{{DATES}}</td><td>{{ADDRESS}}</td><td>{{ENROLMENT}}</td><td class="t-table__num">{{CAPACITY}}</td><td><span class="t-status t-status--{{STATE_CLASS}}">{{STATE}}</span></td></tr>
              {{/SESSION}}
            </tbody>
          </table>
        </div>{{/PLACE_GROUP}}
      </section>
    </div>
    <div class="t-aside">
      <section class="t-panel" aria-labelledby="organisme">
        <h2 class="t-panel__title" id="organisme">{{m_course_organisation}}</h2>
        <dl class="t-fiche">
          <div class="t-fiche__row"><dt class="t-fiche__key">{{m_organisation_name}}</dt><dd class="t-fiche__value"><a href="{{ORGANISATION_URL}}">{{ORGANISATION}}</a></dd></div>
          {{#CONTACT}}<div class="t-fiche__row"><dt class="t-fiche__key">{{KEY}}</dt><dd class="t-fiche__value">{{#LINK}}<a href="{{HREF}}">{{TEXT}}</a>{{/LINK}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}</dd></div>
          {{/CONTACT}}
        </dl>
      </section>
      <section class="t-panel" aria-labelledby="label">
        <h2 class="t-panel__title" id="label">{{m_course_label}}</h2>
        <p>{{LABEL_TEXT}}</p>
      </section>
    </div>
  </div>
</div>
