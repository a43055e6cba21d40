{{%AUTOESCAPE context="HTML"}}<div class="t-container">
  <div class="t-error-page">
    <p class="t-error-page__code">{{STATUS}}</p>
    <h1>{{TITLE}}</h1>
    <p>{{TEXT}}</p>
    <ul>
      <li><a href="{{HOME_URL}}">{{m_error_go_home}}</a></li>
      <li><a href="{{SEARCH_URL}}">{{m_error_go_search}}</a></li>
    </ul>
  </div>
</div>
