{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <p><a href="{{ACCOUNT_URL}}">{{m_editor_back}}</a></p>
    <h1 class="t-page-header__title">{{m_editor_title}}</h1>
    <p class="t-lead">{{ORGANISATION}} — <a href="{{PUBLIC_URL}}">{{m_editor_public_page}}</a></p>
  </div>
  {{#SAVED}}<div class="t-alert t-alert--success" role="status"><p>{{m_editor_saved}}</p></div>{{/SAVED}}
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <form method="post" action="{{ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#FIELD}}<div class="t-field{{#ERROR}} t-field--error{{/ERROR}}">
      <label class="t-label" for="{{NAME}}">{{LABEL}}</label>
      {{#ERROR}}<p class="t-error-message" id="{{NAME}}-error">{{TEXT}}</p>{{/ERROR}}
      {{#LINE}}<input class="t-input" type="text" id="{{NAME}}" name="{{NAME}}" value="{{VALUE}}" maxlength="{{MAX}}"{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>{{/LINE}}
      {{#AREA}}<textarea class="t-input" id="{{NAME}}" name="{{NAME}}" rows="5"{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>{{VALUE}}</textarea>{{/AREA}}
    </div>
    {{/FIELD}}
    <button class="t-button" type="submit">{{m_editor_submit}}</button>
  </form>
</div>
