{{%AUTOESCAPE context="HTML"}}<section class="t-error-summary" aria-labelledby="error-summary-title" tabindex="-1" data-t-error-summary>
  <h2 class="t-error-summary__title" id="error-summary-title">{{m_form_error_summary_title}}</h2>
  <ul class="t-error-summary__list">
    {{#ERROR}}<li>{{#LINK}}<a href="#{{FIELD}}">{{TEXT}}</a>{{/LINK}}{{#NOLINK}}{{TEXT}}{{/NOLINK}}{{#SUGGESTION}} <a class="t-error-summary__suggestion" href="{{SUGGESTION_URL}}">{{SUGGESTION_TEXT}}</a>{{/SUGGESTION}}</li>{{/ERROR}}
  </ul>
</section>
