{{%AUTOESCAPE context="HTML"}}<div class="t-container">
  <div class="t-page-header">
    <h1 class="t-page-header__title">{{m_results_title}}</h1>
  </div>
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <div class="t-search-panel t-search-panel--compact">
    {{>SEARCH_FORM}}
  </div>
  {{#NOTICE}}<div class="t-alert t-alert--info"><p>{{TEXT}}{{#ALTERNATIVES}} {{m_results_other_places}} {{#ALTERNATIVE}}<a href="{{URL}}">{{LABEL}}</a>{{#ALTERNATIVE_separator}}, {{/ALTERNATIVE_separator}}{{/ALTERNATIVE}}.{{/ALTERNATIVES}}</p></div>{{/NOTICE}}
  {{#RESULTS}}
  <div class="t-layout t-layout--sidebar">
    <form class="t-filters" method="get" action="/formations#resultats" aria-labelledby="filters-title">
      <h2 class="t-visually-hidden" id="filters-title">{{m_filters_title}}</h2>
      {{#STATE}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">{{/STATE}}{{#LANG_EN}}<input type="hidden" name="lang" value="en">{{/LANG_EN}}
      <details class="t-filters__details" data-t-filters{{#FILTERS_OPEN}} open{{/FILTERS_OPEN}}>
        <summary class="t-filters__summary">{{m_filters_summary}}{{#ACTIVE_COUNT}} <span class="t-count">({{ACTIVE_COUNT_TEXT}})</span>{{/ACTIVE_COUNT}}</summary>
        <div class="t-filters__body">
          {{#FACET}}<fieldset class="t-filters__group">
            <legend>{{LEGEND}}</legend>
            {{#OPTION}}<div class="t-choice"><input type="{{TYPE}}" id="{{ID}}" name="{{NAME}}" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}><label for="{{ID}}">{{LABEL}}{{#COUNTED}} <span class="t-count">({{COUNT}})</span>{{/COUNTED}}</label></div>
            {{/OPTION}}
          </fieldset>
          {{/FACET}}
          <div class="t-field t-filters__group">
            <label class="t-label" for="starts_after">{{m_filters_starts_after}}</label>
            <span class="t-hint" id="starts_after-hint">{{m_filters_starts_after_hint}}</span>
            <input class="t-input t-input--medium" type="date" id="starts_after" name="starts_after" value="{{STARTS_AFTER}}" aria-describedby="starts_after-hint">
          </div>
          <div class="t-filters__actions">
            <button class="t-button" type="submit">{{m_filters_apply}}</button>
            <a class="t-button t-button--link" href="{{CLEAR_FILTERS_URL}}">{{m_filters_clear}}</a>
          </div>
        </div>
      </details>
    </form>
    <div>
      <div class="t-results-header" id="resultats">
        <div>
          <h2 class="t-results-header__count" aria-live="polite">{{COUNT_TEXT}}</h2>
          {{#PLACE_TEXT}}<p class="t-results-header__place">{{TEXT}}</p>{{/PLACE_TEXT}}
        </div>
        {{#SORT}}<form class="t-sort" method="get" action="/formations#resultats">
          {{#STATE}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">{{/STATE}}{{#LANG_EN}}<input type="hidden" name="lang" value="en">{{/LANG_EN}}
          <label class="t-label" for="sort">{{m_sort_label}}</label>
          <select class="t-select" id="sort" name="sort">
            {{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}
          </select>
          <button class="t-button t-button--secondary" type="submit">{{m_sort_submit}}</button>
        </form>{{/SORT}}
      </div>
      {{#ACTIVE_FILTERS}}<p class="t-hint" id="active-filters">{{m_filters_active}}</p>
      <ul class="t-tags" aria-labelledby="active-filters">
        {{#TAG}}<li><a class="t-tag" href="{{URL}}">{{LABEL}}<span class="t-visually-hidden"> {{m_filters_remove}}</span></a></li>{{/TAG}}
      </ul>{{/ACTIVE_FILTERS}}
      {{#WIDENED}}<div class="t-alert t-alert--info"><p>{{TEXT}}</p></div>{{/WIDENED}}
      {{#REMOTE_HINT}}<div class="t-alert t-alert--info"><p>{{TEXT}} <a href="{{URL}}">{{m_results_remote_hint_link}}</a></p></div>{{/REMOTE_HINT}}
      {{#EMPTY}}<div class="t-empty">
        <h2 class="t-empty__title">{{TITLE}}</h2>
        <p>{{m_empty_intro}}</p>
        <ul class="t-empty__list">
          {{#SUGGESTION}}<li>{{#URL}}<a href="{{URL}}">{{TEXT}}</a>{{/URL}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}</li>{{/SUGGESTION}}
        </ul>
      </div>{{/EMPTY}}
      {{#GROUP}}
      {{#REMOTE_HEADING}}<div class="t-section-heading" id="a-distance">
        <h2 class="t-section-heading__title">{{m_results_remote_title}} <span class="t-count">({{REMOTE_TOTAL}})</span></h2>
        <p class="t-section-heading__intro">{{m_results_remote_intro}}</p>
      </div>{{/REMOTE_HEADING}}
      <ol class="t-results" start="{{START}}">
        {{#CARD}}{{>CARD_ITEM}}{{/CARD}}
      </ol>
      {{/GROUP}}
      {{#PAGINATION}}<nav class="t-pagination" aria-label="{{m_pagination_label}}">
        <ul class="t-pagination__list">
          {{#PREV}}<li><a class="t-pagination__link t-pagination__link--prev" href="{{URL}}" rel="prev">{{m_pagination_previous}}</a></li>{{/PREV}}
          {{#PAGE}}{{#LINK}}<li><a class="t-pagination__link" href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}><span class="t-visually-hidden">{{m_pagination_page}} </span>{{NUMBER}}</a></li>{{/LINK}}{{#GAP}}<li class="t-pagination__ellipsis">…</li>{{/GAP}}{{/PAGE}}
          {{#NEXT}}<li><a class="t-pagination__link t-pagination__link--next" href="{{URL}}" rel="next">{{m_pagination_next}}</a></li>{{/NEXT}}
        </ul>
      </nav>{{/PAGINATION}}
    </div>
  </div>
  {{/RESULTS}}
</div>
