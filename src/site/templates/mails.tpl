{{%AUTOESCAPE context="HTML"}}<div class="t-container">
  <div class="t-page-header">
    <p><a href="{{ACCOUNT_URL}}">{{m_administration_back}}</a></p>
    <h1 class="t-page-header__title">{{m_administration_mails_title}}</h1>
    <p class="t-lead">{{m_administration_mails_lead}}</p>
  </div>
  {{#NOTICE}}<div class="t-alert t-alert--success" role="status" tabindex="-1" data-t-notice><p>{{TEXT}}</p></div>{{/NOTICE}}
  {{#INFO}}<div class="t-alert" role="status" tabindex="-1" data-t-notice><p>{{TEXT}}</p></div>{{/INFO}}
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <h2>{{m_administration_unsent_heading}}</h2>
  {{#NO_UNSENT}}<p>{{m_administration_unsent_none}}</p>{{/NO_UNSENT}}
  {{#UNSENT}}<div class="t-table-wrapper" role="region" aria-labelledby="unsent-caption" tabindex="0">
    <table class="t-table">
      <caption id="unsent-caption">{{m_administration_unsent_caption}}</caption>
      <thead>
        <tr><th scope="col">{{m_administration_column_recipient}}</th><th scope="col">{{m_administration_column_subject}}</th><th scope="col">{{m_administration_column_created}}</th><th scope="col" class="t-table__num">{{m_administration_column_attempts}}</th><th scope="col">{{m_administration_column_next_attempt}}</th><th scope="col">{{m_administration_column_last_error}}</th><th scope="col">{{m_administration_column_action}}</th></tr>
      </thead>
      <tbody>
        {{#MAIL}}<tr id="courriel-{{ID}}">
          <th scope="row">{{TO}}</th>
          <td>{{SUBJECT}}</td>
          <td>{{CREATED}}</td>
          <td class="t-table__num">{{ATTEMPTS}}</td>
          <td>{{NEXT_ATTEMPT}}</td>
          <td>{{LAST_ERROR}}</td>
          <td>{{#RETRY}}<form method="post" action="{{RETRY_ACTION}}">
            <input type="hidden" name="csrf" value="{{CSRF}}">
            <button class="t-button t-button--secondary" type="submit">{{m_administration_retry}}<span class="t-visually-hidden"> {{RETRY_TO}}</span></button>
          </form>{{/RETRY}}{{#ABANDONED}}{{m_administration_abandoned}}{{/ABANDONED}}</td>
        </tr>
        {{/MAIL}}
      </tbody>
    </table>
  </div>{{/UNSENT}}
  <h2>{{m_administration_sent_heading}}</h2>
  <p>{{SENT_COUNT}}{{#SENT_SHOWN}} {{TEXT}}{{/SENT_SHOWN}}</p>
  {{#SENT}}<div class="t-table-wrapper" role="region" aria-labelledby="sent-caption" tabindex="0">
    <table class="t-table">
      <caption id="sent-caption">{{m_administration_sent_caption}}</caption>
      <thead>
        <tr><th scope="col">{{m_administration_column_recipient}}</th><th scope="col">{{m_administration_column_subject}}</th><th scope="col">{{m_administration_column_sent}}</th></tr>
      </thead>
      <tbody>
        {{#MAIL}}<tr>
          <th scope="row">{{TO}}</th>
          <td>{{SUBJECT}}</td>
          <td>{{SENT_AT}}</td>
        </tr>
        {{/MAIL}}
      </tbody>
    </table>
  </div>{{/SENT}}
</div>
