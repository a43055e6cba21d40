{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <h1 class="t-page-header__title">{{TITLE}}</h1>
    <p class="t-lead">{{REASON}}</p>
  </div>
  {{#WHAT_TO_DO}}<p>{{TEXT}}</p>
  <div class="t-button-group">
    <a class="t-button" href="{{NEW_LINK_URL}}">{{m_passwords_ask_new_link}}</a>
    <a class="t-button t-button--secondary" href="{{LOGIN_URL}}">{{m_passwords_go_login}}</a>
  </div>{{/WHAT_TO_DO}}
</div>
