{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <h1 class="t-page-header__title">{{m_account_login_title}}</h1>
    <p class="t-lead">{{m_account_login_lead}}</p>
  </div>
  {{#NOTICE}}<div class="t-alert t-alert--success" role="status" tabindex="-1" data-t-notice><p>{{TEXT}}</p></div>{{/NOTICE}}
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <form method="post" action="{{ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="t-field{{#EMAIL_ERROR}} t-field--error{{/EMAIL_ERROR}}">
      <label class="t-label" for="email">{{m_account_email}}</label>
      <input class="t-input" type="email" id="email" name="email" value="{{EMAIL}}" autocomplete="username" spellcheck="false" maxlength="320" required{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
    </div>
    <div class="t-field{{#PASSWORD_ERROR}} t-field--error{{/PASSWORD_ERROR}}">
      <label class="t-label" for="password">{{m_account_password}}</label>
      <input class="t-input" type="password" id="password" name="password" autocomplete="current-password" maxlength="1024" required{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
    </div>
    <button class="t-button" type="submit">{{m_account_submit}}</button>
  </form>
  <p><a href="{{FORGOT_PASSWORD_URL}}">{{m_passwords_forgot_link}}</a></p>
</div>
