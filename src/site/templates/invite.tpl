{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <p><a href="{{ACCOUNT_URL}}">{{m_passwords_back_to_account}}</a></p>
    <h1 class="t-page-header__title">{{m_passwords_invite_title}}</h1>
    <p class="t-lead">{{LEAD}}</p>
  </div>
  {{#SENT}}<div class="t-alert t-alert--success" role="status" tabindex="-1" data-t-notice><p>{{TEXT}}</p></div>{{/SENT}}
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <form method="post" action="{{ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="t-field{{#EMAIL_ERROR}} t-field--error{{/EMAIL_ERROR}}">
      <label class="t-label" for="email">{{m_passwords_invite_email}}</label>
      {{#EMAIL_ERROR}}<p class="t-error-message" id="email-error">{{TEXT}}</p>{{/EMAIL_ERROR}}
      <input class="t-input" type="email" id="email" name="email" value="{{EMAIL}}" autocomplete="off" spellcheck="false" maxlength="254" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_ERROR}}>
    </div>
    <div class="t-field{{#NAME_ERROR}} t-field--error{{/NAME_ERROR}}">
      <label class="t-label" for="name">{{m_passwords_invite_name}}</label>
      {{#NAME_ERROR}}<p class="t-error-message" id="name-error">{{TEXT}}</p>{{/NAME_ERROR}}
      <input class="t-input" type="text" id="name" name="name" value="{{NAME}}" autocomplete="off" maxlength="200" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/NAME_ERROR}}>
    </div>
    <fieldset class="t-fieldset{{#ROLE_ERROR}} t-field t-field--error{{/ROLE_ERROR}}" id="role"{{#ROLE_ERROR}} aria-describedby="role-error"{{/ROLE_ERROR}}>
      <legend class="t-fieldset__legend">{{m_passwords_invite_role}}</legend>
      {{#ROLE_ERROR}}<p class="t-error-message" id="role-error">{{TEXT}}</p>{{/ROLE_ERROR}}
      {{#ROLE}}<div class="t-choice"><input type="radio" id="role-{{VALUE}}" name="role" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}><label for="role-{{VALUE}}">{{LABEL}}</label></div>
      {{/ROLE}}
    </fieldset>
    <fieldset class="t-fieldset{{#ORGANISATIONS_ERROR}} t-field t-field--error{{/ORGANISATIONS_ERROR}}" aria-describedby="organisations-hint{{#ORGANISATIONS_ERROR}} organisations-error{{/ORGANISATIONS_ERROR}}">
      <legend class="t-fieldset__legend">{{m_passwords_invite_organisations}}</legend>
      <span class="t-hint" id="organisations-hint">{{m_passwords_invite_organisations_hint}}</span>
      {{#ORGANISATIONS_ERROR}}<p class="t-error-message" id="organisations-error">{{TEXT}}</p>{{/ORGANISATIONS_ERROR}}
      {{#CHOSEN_LIST}}<ul class="t-choices">
        {{#CHOSEN}}<li class="t-choice"><input type="checkbox" id="{{ID}}" name="organisations" value="{{VALUE}}" checked><label for="{{ID}}">{{LABEL}}</label></li>
        {{/CHOSEN}}
      </ul>{{/CHOSEN_LIST}}
      <div class="t-field">
        <label class="t-label" for="{{ADD_ID}}">{{ADD_LABEL}}</label>
        <select class="t-select" id="{{ADD_ID}}" name="organisations">
          <option value="">{{NONE}}</option>
          {{#OTHER}}<option value="{{VALUE}}">{{LABEL}}</option>
          {{/OTHER}}
        </select>
      </div>
    </fieldset>
    <button class="t-button" type="submit">{{m_passwords_invite_submit}}</button>
  </form>
</div>
