{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <h1 class="t-page-header__title">{{m_passwords_forgot_title}}</h1>
    <p class="t-lead">{{m_passwords_forgot_lead}}</p>
  </div>
  {{#SENT}}<div class="t-alert t-alert--success" role="status" tabindex="-1" data-t-notice><p>{{TEXT}}</p><p>{{m_passwords_forgot_sent_hint}}</p></div>{{/SENT}}
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <form method="post" action="{{ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="t-field{{#EMAIL_ERROR}} t-field--error{{/EMAIL_ERROR}}">
      <label class="t-label" for="email">{{m_account_email}}</label>
      {{#EMAIL_ERROR}}<p class="t-error-message" id="email-error">{{TEXT}}</p>{{/EMAIL_ERROR}}
      <input class="t-input" type="email" id="email" name="email" value="{{EMAIL}}" autocomplete="username" spellcheck="false" maxlength="320" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_ERROR}}>
    </div>
    <button class="t-button" type="submit">{{m_passwords_forgot_submit}}</button>
  </form>
  <p><a href="{{LOGIN_URL}}">{{m_passwords_back_to_login}}</a></p>
</div>
