{{%AUTOESCAPE context="HTML"}}<div class="t-container">
  <div class="t-page-header">
    <p><a href="{{ACCOUNT_URL}}">{{m_orgedit_back}}</a></p>
    <h1 class="t-page-header__title">{{m_orgedit_list_title}}</h1>
    <p><a class="t-button" href="{{NEW_URL}}">{{m_orgedit_new_title}}</a></p>
  </div>
  <div class="t-table-wrapper" role="region" aria-labelledby="organisations-caption" tabindex="0">
    <table class="t-table">
      <caption id="organisations-caption">{{COUNT}}</caption>
      <thead>
        <tr><th scope="col">{{m_orgedit_field_name}}</th><th scope="col">{{m_orgedit_field_siret}}</th><th scope="col">{{m_orgedit_list_place}}</th><th scope="col" class="t-table__num">{{m_orgedit_list_courses}}</th></tr>
      </thead>
      <tbody>
        {{#ORGANISATION}}<tr><td><a href="{{URL}}">{{NAME}}</a></td><td>{{SIRET}}</td><td>{{PLACE}}</td><td class="t-table__num">{{COURSES}}</td></tr>
        {{/ORGANISATION}}
      </tbody>
    </table>
  </div>
</div>
