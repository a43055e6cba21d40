{{%AUTOESCAPE context="HTML"}}<li>
  <article class="t-card{{#REMOTE}} t-card--remote{{/REMOTE}}">
    <h3 class="t-card__title"><a class="t-card__link" href="{{URL}}"><span lang="fr">{{TITLE}}</span>{{#PLACE}}<span class="t-visually-hidden">, {{PLACE_LABEL}}</span>{{/PLACE}}{{#ANYWHERE}}<span class="t-visually-hidden">, {{m_card_anywhere}}</span>{{/ANYWHERE}}</a></h3>
    <p class="t-card__org">{{ORGANISATION}}</p>
    <ul class="t-badges">
      <li class="t-badge t-badge--label">{{m_badge_labelled}}</li>
      <li class="t-badge t-badge--{{MODE_CLASS}}">{{MODE_LABEL}}</li>
      {{#DEMO}}<li class="t-badge t-badge--demo">{{m_badge_demo}}</li>{{/DEMO}}
    </ul>
    <p class="t-card__summary" lang="fr">{{SUMMARY}}</p>
    <ul class="t-card__meta">
      <li class="t-card__meta-item t-card__meta-item--place"><span>{{#PLACE}}<span class="t-visually-hidden">{{m_card_place}} </span>{{PLACE_LABEL}}{{#DISTANCE}} <span aria-hidden="true">·</span><span class="t-visually-hidden">{{m_card_distance_prefix}}</span> {{DISTANCE_TEXT}}{{/DISTANCE}}{{/PLACE}}{{#ANYWHERE}}{{m_card_anywhere}}{{/ANYWHERE}}</span></li>
      <li class="t-card__meta-item t-card__meta-item--duration"><span><span class="t-visually-hidden">{{m_card_duration}} </span>{{DURATION}}</span></li>
      <li class="t-card__meta-item t-card__meta-item--date"><span>{{#NEXT}}{{m_card_next_session}} <strong>{{NEXT_DATE}}</strong>{{/NEXT}}{{#NO_NEXT}}{{m_card_no_session}}{{/NO_NEXT}}</span></li>
      <li class="t-card__meta-item t-card__meta-item--family"><span><span class="t-visually-hidden">{{m_card_family}} </span>{{FAMILY}}</span></li>
    </ul>
  </article>
</li>
