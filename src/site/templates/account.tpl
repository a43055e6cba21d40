{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <h1 class="t-page-header__title">{{m_account_space_title}}</h1>
    <p class="t-lead">{{SIGNED_IN_AS}}</p>
    <p>{{ROLE}}</p>
  </div>
  {{#ADMIN}}<h2>{{m_account_administration}}</h2>
  <ul>
    <li><a href="{{ORGANISATIONS_URL}}">{{m_account_admin_organisations}}</a></li>
    <li><a href="{{USERS_URL}}">{{m_account_admin_users}}</a></li>
    <li><a href="{{MAILS_URL}}">{{m_account_admin_mails}}</a></li>
  </ul>{{/ADMIN}}
  {{#ORGANISATIONS}}<h2>{{m_account_organisations}}</h2>
  <ul>{{#ORGANISATION}}<li><a href="{{URL}}">{{NAME}}</a>
    {{#EDITABLE}}<ul>
      <li><a href="{{PROFILE_URL}}">{{m_account_edit_profile}}<span class="t-visually-hidden"> : {{NAME}}</span></a></li>
      <li><a href="{{NEW_COURSE_URL}}">{{m_account_new_course}}<span class="t-visually-hidden"> : {{NAME}}</span></a></li>
    </ul>{{/EDITABLE}}
    {{#COURSES}}<ul aria-label="{{LABEL}}">{{#COURSE}}<li>{{TITLE}}{{#STATUS}} <span class="t-badge">{{TEXT}}</span>{{/STATUS}} — <a href="{{EDIT_URL}}">{{m_editor_edit}}<span class="t-visually-hidden"> : {{TITLE}}</span></a></li>{{/COURSE}}</ul>{{/COURSES}}
  </li>{{/ORGANISATION}}</ul>{{/ORGANISATIONS}}
  {{#NO_ORGANISATION}}<h2>{{m_account_organisations}}</h2>
  <p>{{m_account_no_organisation}}</p>{{/NO_ORGANISATION}}
  <div class="t-button-group">
    <form method="post" action="{{LOGOUT_ACTION}}">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button class="t-button" type="submit">{{m_account_logout}}</button>
    </form>
    <form method="post" action="{{LOGOUT_EVERYWHERE_ACTION}}">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button class="t-button t-button--secondary" type="submit" aria-describedby="logout-everywhere-hint">{{m_account_logout_everywhere}}</button>
      <p class="t-hint" id="logout-everywhere-hint">{{m_account_logout_everywhere_hint}}</p>
    </form>
  </div>
</div>
