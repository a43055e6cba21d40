{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <h1 class="t-page-header__title">{{m_passwords_new_title}}</h1>
    <p class="t-lead">{{LEAD}}</p>
  </div>
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <form method="post" action="{{ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="jeton" value="{{TOKEN}}">
    <input type="hidden" name="username" value="{{EMAIL}}" autocomplete="username">
    {{>PASSWORD_FIELDS}}
    <button class="t-button" type="submit">{{m_passwords_new_submit}}</button>
  </form>
</div>
