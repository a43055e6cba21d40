{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <h1 class="t-page-header__title">{{m_passwords_invitation_title}}</h1>
    <p class="t-lead">{{LEAD}}</p>
  </div>
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <h2>{{m_passwords_invitation_details}}</h2>
  <dl class="t-fiche">
    <div class="t-fiche__row"><dt class="t-fiche__key">{{m_passwords_invitation_name}}</dt><dd class="t-fiche__value">{{NAME}}</dd></div>
    <div class="t-fiche__row"><dt class="t-fiche__key">{{m_passwords_invitation_email}}</dt><dd class="t-fiche__value">{{EMAIL}}</dd></div>
    <div class="t-fiche__row"><dt class="t-fiche__key">{{m_passwords_invitation_role}}</dt><dd class="t-fiche__value">{{ROLE}}</dd></div>
    {{#ORGANISATIONS}}<div class="t-fiche__row"><dt class="t-fiche__key">{{m_passwords_invitation_organisations}}</dt><dd class="t-fiche__value"><ul>{{#ORGANISATION}}<li>{{NAME}}</li>{{/ORGANISATION}}</ul></dd></div>{{/ORGANISATIONS}}
  </dl>
  <form method="post" action="{{ACTION}}" novalidate>
    <p>{{m_passwords_invitation_choose}}</p>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="jeton" value="{{TOKEN}}">
    <input type="hidden" name="username" value="{{EMAIL}}" autocomplete="username">
    {{>PASSWORD_FIELDS}}
    <button class="t-button" type="submit">{{m_passwords_invitation_submit}}</button>
  </form>
</div>
