{{%AUTOESCAPE context="HTML"}}<section class="t-hero" aria-labelledby="home-title">
  <div class="t-container">
    <h1 class="t-hero__title" id="home-title">{{m_home_title}}</h1>
    <p class="t-lead">{{m_home_lead}}</p>
    <div class="t-search-panel">
      {{>SEARCH_FORM}}
    </div>
  </div>
</section>
<div class="t-container">
  <section class="t-section" aria-labelledby="home-figures">
    <h2 id="home-figures" class="t-visually-hidden">{{m_home_figures_title}}</h2>
    <dl class="t-keyfacts t-keyfacts--figures">
      <div class="t-keyfacts__item"><dt class="t-keyfacts__label">{{m_home_figures_courses}}</dt><dd class="t-keyfacts__value">{{COURSE_COUNT}}</dd></div>
      <div class="t-keyfacts__item"><dt class="t-keyfacts__label">{{m_home_figures_organisations}}</dt><dd class="t-keyfacts__value">{{ORGANISATION_COUNT}}</dd></div>
      <div class="t-keyfacts__item"><dt class="t-keyfacts__label">{{m_home_figures_sessions}}</dt><dd class="t-keyfacts__value">{{UPCOMING_SESSION_COUNT}}</dd></div>
      <div class="t-keyfacts__item"><dt class="t-keyfacts__label">{{m_home_figures_places}}</dt><dd class="t-keyfacts__value">{{PLACE_COUNT}}</dd></div>
    </dl>
  </section>
  <section class="t-section" aria-labelledby="home-families">
    <h2 class="t-section__title" id="home-families">{{m_home_families_title}}</h2>
    <p class="t-prose">{{m_home_families_intro}}</p>
    <ul class="t-family-list">
      {{#FAMILY}}<li class="t-family-list__item">
        <a class="t-family-list__link" href="{{URL}}">{{NAME}}</a>
        <span class="t-family-list__count">{{COUNT_TEXT}}</span>
        <span class="t-family-list__examples">{{EXAMPLES}}</span>
      </li>
      {{/FAMILY}}
    </ul>
  </section>
  <section class="t-section" aria-labelledby="home-how">
    <h2 class="t-section__title" id="home-how">{{m_home_how_title}}</h2>
    <ol class="t-steps">
      <li class="t-steps__item"><h3 class="t-steps__title">{{m_home_how_1_title}}</h3><p>{{m_home_how_1_text}}</p></li>
      <li class="t-steps__item"><h3 class="t-steps__title">{{m_home_how_2_title}}</h3><p>{{m_home_how_2_text}}</p></li>
      <li class="t-steps__item"><h3 class="t-steps__title">{{m_home_how_3_title}}</h3><p>{{m_home_how_3_text}}</p></li>
    </ol>
  </section>
</div>
