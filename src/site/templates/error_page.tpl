{{%AUTOESCAPE context="HTML"}}<div class="t-container">
  <div class="t-error-page">
    <p class="t-error-page__code">{{STATUS}}</p>
    <h1>{{TITLE}}</h1>
    <p>{{TEXT}}</p>
    <ul class="t-link-list">
      <li><a class="t-link-list__link" href="{{SEARCH_URL}}">{{m_error_go_search}}</a></li>
      <li><a class="t-link-list__link" href="{{HOME_URL}}">{{m_error_go_home}}</a></li>
    </ul>
  </div>
</div>
