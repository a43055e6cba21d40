{{%AUTOESCAPE context="HTML"}}<div class="t-container">
  <div class="t-page-header">
    <h1 class="t-page-header__title">{{m_organisations_title}}</h1>
    <p class="t-lead">{{m_organisations_lead}}</p>
  </div>
  <div class="t-table-wrapper" role="region" aria-labelledby="organisations-caption" tabindex="0">
    <table class="t-table">
      <caption id="organisations-caption">{{COUNT_TEXT}}</caption>
      <thead>
        <tr><th scope="col">{{m_organisation_name}}</th><th scope="col">{{m_organisations_place}}</th><th scope="col" class="t-table__num">{{m_organisations_courses}}</th></tr>
      </thead>
      <tbody>
        {{#ORGANISATION}}<tr><td><a href="{{URL}}">{{NAME}}</a></td><td>{{PLACE}}</td><td class="t-table__num">{{COURSES}}</td></tr>
        {{/ORGANISATION}}
      </tbody>
    </table>
  </div>
</div>
