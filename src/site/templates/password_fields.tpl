{{%AUTOESCAPE context="HTML"}}<div class="t-field{{#PASSWORD_ERROR}} t-field--error{{/PASSWORD_ERROR}}">
  <label class="t-label" for="password">{{LABEL}}</label>
  <span class="t-hint" id="password-hint">{{m_passwords_password_hint}}</span>
  {{#PASSWORD_ERROR}}<p class="t-error-message" id="password-error">{{TEXT}}</p>{{/PASSWORD_ERROR}}
  <input class="t-input" type="password" id="password" name="password" autocomplete="new-password" maxlength="1024" required aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
</div>
<div class="t-field{{#CONFIRMATION_ERROR}} t-field--error{{/CONFIRMATION_ERROR}}">
  <label class="t-label" for="password_confirmation">{{m_passwords_confirmation}}</label>
  {{#CONFIRMATION_ERROR}}<p class="t-error-message" id="password_confirmation-error">{{TEXT}}</p>{{/CONFIRMATION_ERROR}}
  <input class="t-input" type="password" id="password_confirmation" name="password_confirmation" autocomplete="new-password" maxlength="1024" required{{#CONFIRMATION_ERROR}} aria-invalid="true" aria-describedby="password_confirmation-error"{{/CONFIRMATION_ERROR}}>
</div>
