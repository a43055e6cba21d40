{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <p><a href="{{COURSE_URL}}">{{m_session_editor_back}}</a></p>
    <h1 class="t-page-header__title">{{TITLE}}</h1>
    <p class="t-lead">{{LEAD}}</p>
    {{#REMOTE}}<p>{{m_session_editor_remote_note}}</p>{{/REMOTE}}
    {{#RECRUITMENT}}<p>{{TEXT}}</p>{{/RECRUITMENT}}
  </div>
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <form method="post" action="{{ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#FIELD}}<div class="t-field{{#ERROR}} t-field--error{{/ERROR}}">
      <label class="t-label" for="{{NAME}}">{{LABEL}}</label>
      {{#HINT}}<span class="t-hint" id="{{NAME}}-hint">{{TEXT}}</span>{{/HINT}}
      {{#ERROR}}<p class="t-error-message" id="{{NAME}}-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/ERROR}}
      <input class="t-input{{#SHORT}} t-input--medium{{/SHORT}}" type="{{TYPE}}" id="{{NAME}}" name="{{NAME}}" value="{{VALUE}}"{{#NUMERIC}} inputmode="numeric"{{/NUMERIC}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}{{#ERROR}} aria-invalid="true"{{/ERROR}}>
    </div>
    {{/FIELD}}
    <div class="t-button-group">
      <button class="t-button" type="submit">{{SUBMIT}}</button>
      <a class="t-button t-button--link" href="{{COURSE_URL}}">{{m_creator_cancel}}</a>
    </div>
  </form>
</div>
