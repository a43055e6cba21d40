{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <p><a href="{{USERS_URL}}">{{m_administration_back_to_users}}</a></p>
    <h1 class="t-page-header__title">{{TITLE}}</h1>
    <p class="t-lead">{{EMAIL_LINE}}</p>
  </div>
  {{#NOTICE}}<div class="t-alert t-alert--success" role="status" tabindex="-1" data-t-notice><p>{{TEXT}}</p></div>{{/NOTICE}}
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <h2>{{m_administration_profile_heading}}</h2>
  <form method="post" action="{{ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="action" value="save">
    <div class="t-field{{#NAME_ERROR}} t-field--error{{/NAME_ERROR}}">
      <label class="t-label" for="name">{{m_administration_field_name}}</label>
      <span class="t-hint" id="name-hint">{{m_administration_field_name_hint}}</span>
      {{#NAME_ERROR}}<p class="t-error-message" id="name-error">{{TEXT}}</p>{{/NAME_ERROR}}
      <input class="t-input t-input--medium" type="text" id="name" name="name" value="{{NAME}}" maxlength="{{NAME_MAX}}" autocomplete="off" aria-describedby="name-hint{{#NAME_ERROR}} name-error{{/NAME_ERROR}}"{{#NAME_ERROR}} aria-invalid="true"{{/NAME_ERROR}}>
    </div>
    <div class="t-field{{#ROLE_ERROR}} t-field--error{{/ROLE_ERROR}}">
      <fieldset class="t-fieldset"{{#ROLE_ERROR}} aria-describedby="role-error"{{/ROLE_ERROR}}>
        <legend class="t-fieldset__legend">{{m_administration_field_role}}</legend>
        {{#ROLE_ERROR}}<p class="t-error-message" id="role-error">{{TEXT}}</p>{{/ROLE_ERROR}}
        {{#ROLE}}<div class="t-choice"><input type="radio" id="{{ID}}" name="role" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}><label for="{{ID}}">{{LABEL}} <span class="t-hint">{{HINT}}</span></label></div>
        {{/ROLE}}
      </fieldset>
    </div>
    <div class="t-field{{#ORGANISATIONS_ERROR}} t-field--error{{/ORGANISATIONS_ERROR}}">
      <fieldset class="t-fieldset" aria-describedby="organisations-hint{{#ORGANISATIONS_ERROR}} organisations-error{{/ORGANISATIONS_ERROR}}">
        <legend class="t-fieldset__legend">{{m_administration_field_organisations}}</legend>
        <span class="t-hint" id="organisations-hint">{{m_administration_field_organisations_hint}}</span>
        {{#ORGANISATIONS_ERROR}}<p class="t-error-message" id="organisations-error">{{TEXT}}</p>{{/ORGANISATIONS_ERROR}}
        {{#CHOSEN_LIST}}<ul class="t-choices">
          {{#CHOSEN}}<li class="t-choice"><input type="checkbox" id="{{ID}}" name="organisation" value="{{VALUE}}" checked><label for="{{ID}}">{{LABEL}}</label></li>
          {{/CHOSEN}}
        </ul>{{/CHOSEN_LIST}}
        <div class="t-field">
          <label class="t-label" for="{{ADD_ID}}">{{ADD_LABEL}}</label>
          <select class="t-select" id="{{ADD_ID}}" name="organisation">
            <option value="">{{NONE}}</option>
            {{#OTHER}}<option value="{{VALUE}}">{{LABEL}}</option>
            {{/OTHER}}
          </select>
        </div>
      </fieldset>
    </div>
    <button class="t-button" type="submit">{{m_administration_submit}}</button>
  </form>
  <h2>{{m_administration_access_heading}}</h2>
  <p>{{STATE}}</p>
  {{#REINVITE}}<form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="action" value="reinvite">
    <button class="t-button t-button--secondary" type="submit" aria-describedby="reinvite-hint">{{m_administration_reinvite}}</button>
    <p class="t-hint" id="reinvite-hint">{{HINT}}</p>
  </form>{{/REINVITE}}
  {{#SELF}}<p>{{m_administration_self_notice}}</p>{{/SELF}}
  {{#DISABLE}}<form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="action" value="disable">
    <button class="t-button t-button--secondary" type="submit" aria-describedby="disable-hint">{{m_administration_disable}}</button>
    <p class="t-hint" id="disable-hint">{{m_administration_disable_hint}}</p>
  </form>{{/DISABLE}}
  {{#ENABLE}}<form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="action" value="enable">
    <button class="t-button t-button--secondary" type="submit" aria-describedby="enable-hint">{{m_administration_enable}}</button>
    <p class="t-hint" id="enable-hint">{{m_administration_enable_hint}}</p>
  </form>{{/ENABLE}}
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="action" value="sign_out">
    <button class="t-button t-button--secondary" type="submit" aria-describedby="sign-out-hint">{{m_administration_sign_out}}</button>
    <p class="t-hint" id="sign-out-hint">{{m_administration_sign_out_hint}}</p>
  </form>
</div>
