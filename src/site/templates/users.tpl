{{%AUTOESCAPE context="HTML"}}<div class="t-container">
  <div class="t-page-header">
    <p><a href="{{ACCOUNT_URL}}">{{m_administration_back}}</a></p>
    <h1 class="t-page-header__title">{{m_administration_users_title}}</h1>
    <p class="t-lead">{{m_administration_users_lead}}</p>
  </div>
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <p><a class="t-button" href="{{INVITE_URL}}">{{m_administration_invite}}</a></p>
  <form method="get" action="{{ACTION}}" novalidate aria-labelledby="filter-title">
    <h2 id="filter-title">{{m_administration_filter_title}}</h2>
    {{#LANG_EN}}<input type="hidden" name="lang" value="en">{{/LANG_EN}}
    <div class="t-field{{#Q_ERROR}} t-field--error{{/Q_ERROR}}">
      <label class="t-label" for="q">{{m_administration_filter_text}}</label>
      <span class="t-hint" id="q-hint">{{m_administration_filter_text_hint}}</span>
      {{#Q_ERROR}}<p class="t-error-message" id="q-error">{{TEXT}}</p>{{/Q_ERROR}}
      <input class="t-input t-input--medium" type="search" id="q" name="q" value="{{Q}}" maxlength="200" spellcheck="false" aria-describedby="q-hint{{#Q_ERROR}} q-error{{/Q_ERROR}}"{{#Q_ERROR}} aria-invalid="true"{{/Q_ERROR}}>
    </div>
    <div class="t-field{{#ROLE_ERROR}} t-field--error{{/ROLE_ERROR}}">
      <label class="t-label" for="role">{{m_administration_filter_role}}</label>
      {{#ROLE_ERROR}}<p class="t-error-message" id="role-error">{{TEXT}}</p>{{/ROLE_ERROR}}
      <select class="t-select" id="role" name="role"{{#ROLE_ERROR}} aria-invalid="true" aria-describedby="role-error"{{/ROLE_ERROR}}>
        <option value="">{{m_administration_filter_all_roles}}</option>
        {{#ROLE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ROLE_OPTION}}
      </select>
    </div>
    <div class="t-button-group">
      <button class="t-button t-button--secondary" type="submit">{{m_administration_filter_submit}}</button>
      {{#FILTERED}}<a class="t-button t-button--link" href="{{CLEAR_URL}}">{{m_administration_filter_clear}}</a>{{/FILTERED}}
    </div>
  </form>
  {{#COUNT}}<p>{{TEXT}}</p>{{/COUNT}}
  {{#USERS}}<div class="t-table-wrapper" role="region" aria-labelledby="users-caption" tabindex="0">
    <table class="t-table">
      <caption id="users-caption">{{m_administration_users_caption}}</caption>
      <thead>
        <tr><th scope="col">{{m_administration_column_name}}</th><th scope="col">{{m_administration_column_email}}</th><th scope="col">{{m_administration_column_role}}</th><th scope="col">{{m_administration_column_organisations}}</th><th scope="col">{{m_administration_column_state}}</th></tr>
      </thead>
      <tbody>
        {{#USER}}<tr>
          <th scope="row"><a href="{{URL}}">{{NAME}}</a></th>
          <td>{{EMAIL}}</td>
          <td>{{ROLE}}</td>
          <td>{{#ORGANISATIONS}}<ul>{{#ORGANISATION}}<li>{{NAME}}</li>{{/ORGANISATION}}</ul>{{/ORGANISATIONS}}{{#NO_ORGANISATION}}{{m_administration_no_organisation}}{{/NO_ORGANISATION}}</td>
          <td>{{STATE}}</td>
        </tr>
        {{/USER}}
      </tbody>
    </table>
  </div>{{/USERS}}
</div>
