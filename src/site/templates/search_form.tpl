{{%AUTOESCAPE context="HTML"}}<form class="t-search" id="recherche" role="search" aria-label="{{m_search_form_label}}" method="get" action="/formations">
  {{#LANG_EN}}<input type="hidden" name="lang" value="en">{{/LANG_EN}}
  <div class="t-field t-search__what">
    <label class="t-label" for="q">{{m_search_what}}</label>
    <input class="t-input" type="text" id="q" name="q" value="{{Q}}" maxlength="200" enterkeyhint="search" autocomplete="off">
  </div>
  <div class="t-field t-search__where{{#WHERE_ERROR}} t-field--error{{/WHERE_ERROR}}">
    <label class="t-label" for="where">{{m_search_where}}</label>
    <span class="t-hint" id="where-hint">{{m_search_where_hint}}</span>
    {{#WHERE_ERROR}}<p class="t-error-message" id="where-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{WHERE_ERROR_TEXT}}</p>{{/WHERE_ERROR}}
    <input class="t-input" type="text" id="where" name="where" value="{{WHERE}}" maxlength="200" aria-describedby="where-hint{{#WHERE_ERROR}} where-error{{/WHERE_ERROR}}"{{#WHERE_ERROR}} aria-invalid="true"{{/WHERE_ERROR}} autocomplete="off"{{#WHERE_VALUE}} data-t-place-value="{{VALUE}}"{{/WHERE_VALUE}} data-t-place-autocomplete="/api/v1/places{{#LANG_EN}}?lang=en{{/LANG_EN}}">
  </div>
  <div class="t-field t-search__radius">
    <label class="t-label" for="radius_km">{{m_search_radius}}</label>
    <select class="t-select" id="radius_km" name="radius_km">
      {{#RADIUS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}} km</option>{{/RADIUS}}
    </select>
  </div>
  <div class="t-search__submit">
    <button class="t-button" type="submit">{{m_search_submit}}</button>
  </div>
</form>
