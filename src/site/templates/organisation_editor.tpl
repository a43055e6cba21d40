{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <p><a href="{{ACCOUNT_URL}}">{{m_orgedit_back}}</a>{{#ADMIN_LIST}} · <a href="{{URL}}">{{m_orgedit_list_title}}</a>{{/ADMIN_LIST}}</p>
    <h1 class="t-page-header__title">{{TITLE}}</h1>
    {{#PUBLIC}}<p class="t-lead"><a href="{{URL}}">{{m_orgedit_public_page}}</a></p>{{/PUBLIC}}
  </div>
  {{#SAVED}}<div class="t-alert t-alert--success" role="status" tabindex="-1" data-t-notice><p>{{m_orgedit_saved}}</p></div>{{/SAVED}}
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <form method="post" action="{{ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#FIELD}}<div class="t-field{{#HAS_ERROR}} t-field--error{{/HAS_ERROR}}">
      {{#READ_ONLY}}<p class="t-label">{{LABEL}}</p>
      <p>{{VALUE}}</p>
      <p class="t-hint">{{m_orgedit_admin_only}}</p>{{/READ_ONLY}}
      {{#LINE}}<label class="t-label" for="{{NAME}}">{{LABEL}}</label>{{/LINE}}{{#AREA}}<label class="t-label" for="{{NAME}}">{{LABEL}}</label>{{/AREA}}
      {{#HINT}}<p class="t-hint" id="{{NAME}}-hint">{{TEXT}}</p>{{/HINT}}
      {{#ERROR}}<p class="t-error-message" id="{{NAME}}-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/ERROR}}
      {{#LINE}}<input class="t-input" type="text" id="{{NAME}}" name="{{NAME}}" value="{{VALUE}}"{{#AUTOCOMPLETE}} autocomplete="{{VALUE}}"{{/AUTOCOMPLETE}}{{#ERROR}} aria-invalid="true"{{/ERROR}}{{#DESCRIBED}} aria-describedby="{{IDS}}"{{/DESCRIBED}}>{{/LINE}}
      {{#AREA}}<textarea class="t-input" id="{{NAME}}" name="{{NAME}}" rows="6"{{#ERROR}} aria-invalid="true"{{/ERROR}}{{#DESCRIBED}} aria-describedby="{{IDS}}"{{/DESCRIBED}}>{{VALUE}}</textarea>{{/AREA}}
    </div>
    {{/FIELD}}
    {{#QUALIOPI}}<div class="t-field">
      <div class="t-choice"><input type="checkbox" id="qualiopi" name="qualiopi" value="1"{{#CHECKED}} checked{{/CHECKED}}><label for="qualiopi">{{m_orgedit_qualiopi}}</label></div>
    </div>{{/QUALIOPI}}
    {{#QUALIOPI_READ_ONLY}}<p>{{m_orgedit_qualiopi_yes}}</p>{{/QUALIOPI_READ_ONLY}}
    <button class="t-button" type="submit">{{m_orgedit_submit}}</button>
  </form>
</div>
