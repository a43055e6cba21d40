{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <p><a href="{{ACCOUNT_URL}}">{{m_editor_back}}</a></p>
    <h1 class="t-page-header__title">{{m_editor_title}}</h1>
    <p class="t-lead">{{COURSE_TITLE}}</p>
    <p>{{ORGANISATION}} — {{#PUBLIC}}<a href="{{PUBLIC_URL}}">{{m_editor_public_page}}</a>{{/PUBLIC}}{{#NOT_PUBLIC}}{{m_editor_no_public_page}}{{/NOT_PUBLIC}}</p>
  </div>
  {{#NOTICE}}<div class="t-alert t-alert--success" role="status" tabindex="-1" data-t-notice><p>{{TEXT}}</p></div>{{/NOTICE}}
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}

  <section class="t-section" aria-labelledby="state">
    <h2 class="t-section__title" id="state">{{m_editor_state_title}}</h2>
    <dl class="t-fiche">
      <div class="t-fiche__row"><dt class="t-fiche__key">{{m_editor_status_title}}</dt><dd class="t-fiche__value"><span class="t-badge{{#STATUS_PUBLISHED}} t-badge--label{{/STATUS_PUBLISHED}}" data-status="{{STATUS}}">{{STATUS_LABEL}}</span> {{STATUS_HELP}}</dd></div>
      <div class="t-fiche__row"><dt class="t-fiche__key">{{m_editor_label}}</dt><dd class="t-fiche__value">{{LABEL_TEXT}}</dd></div>
    </dl>
    <div class="t-button-group">
      {{#ARCHIVE}}<form method="post" action="{{STATUS_ACTION}}">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button class="t-button t-button--secondary" type="submit" name="action" value="archive" aria-describedby="archive-hint">{{m_editor_archive}}</button>
        <p class="t-hint" id="archive-hint">{{m_editor_archive_hint}}</p>
      </form>{{/ARCHIVE}}
      {{#RESTORE}}<form method="post" action="{{STATUS_ACTION}}">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button class="t-button" type="submit" name="action" value="restore" aria-describedby="restore-hint">{{m_editor_restore}}</button>
        <p class="t-hint" id="restore-hint">{{m_editor_restore_hint}}</p>
      </form>{{/RESTORE}}
    </div>
    {{#LABEL_DECISION}}<h3>{{m_editor_label_decision}}</h3>
    <div class="t-button-group">
      <form method="post" action="{{LABEL_ACTION}}">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button class="t-button" type="submit" name="action" value="grant" aria-describedby="grant-hint">{{m_editor_label_grant}}</button>
        <p class="t-hint" id="grant-hint">{{m_editor_label_grant_hint}}</p>
      </form>
      {{#WITHDRAW}}<form method="post" action="{{LABEL_ACTION}}">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button class="t-button t-button--secondary" type="submit" name="action" value="withdraw" aria-describedby="withdraw-hint">{{m_editor_label_withdraw}}</button>
        <p class="t-hint" id="withdraw-hint">{{m_editor_label_withdraw_hint}}</p>
      </form>{{/WITHDRAW}}
    </div>{{/LABEL_DECISION}}
  </section>

  <section class="t-section" aria-labelledby="facts">
    <h2 class="t-section__title" id="facts">{{m_editor_facts_title}}</h2>
    <dl class="t-fiche">
      <div class="t-fiche__row"><dt class="t-fiche__key">{{m_editor_field_family}}</dt><dd class="t-fiche__value">{{FAMILY}}</dd></div>
      <div class="t-fiche__row"><dt class="t-fiche__key">{{m_editor_field_professions}}</dt><dd class="t-fiche__value">{{PROFESSIONS}}</dd></div>
      <div class="t-fiche__row"><dt class="t-fiche__key">{{m_editor_field_mode}}</dt><dd class="t-fiche__value">{{MODE}}</dd></div>
      <div class="t-fiche__row"><dt class="t-fiche__key">{{m_course_duration}}</dt><dd class="t-fiche__value">{{DURATION}}</dd></div>
      <div class="t-fiche__row"><dt class="t-fiche__key">{{m_course_cost}}</dt><dd class="t-fiche__value">{{COST}}</dd></div>
      <div class="t-fiche__row"><dt class="t-fiche__key">{{m_course_certification}}</dt><dd class="t-fiche__value">{{CERTIFICATION}}</dd></div>
    </dl>
  </section>

  <section class="t-section" aria-labelledby="sessions">
    <h2 class="t-section__title" id="sessions">{{m_editor_sessions_title}}</h2>
    <p><a class="t-button t-button--secondary" href="{{NEW_SESSION_URL}}">{{m_editor_new_session}}</a></p>
    {{#NO_SESSIONS}}<p class="t-empty">{{m_editor_no_sessions}}</p>{{/NO_SESSIONS}}
    {{#SESSIONS}}<div class="t-table-wrapper" role="region" aria-labelledby="sessions-caption" tabindex="0">
      <table class="t-table">
        <caption class="t-visually-hidden" id="sessions-caption">{{m_editor_sessions_title}} — {{COURSE_TITLE}}</caption>
        <thead>
          <tr><th scope="col">{{m_session_dates}}</th><th scope="col">{{m_editor_session_place}}</th><th scope="col">{{m_session_enrolment}}</th><th scope="col" class="t-table__num">{{m_session_capacity}}</th><th scope="col">{{m_session_state}}</th><th scope="col">{{m_editor_session_actions}}</th></tr>
        </thead>
        <tbody>
          {{#SESSION}}<tr id="session-{{ID}}"><td>{{DATES}}</td><td>{{PLACE}}</td><td>{{ENROLMENT}}</td><td class="t-table__num">{{CAPACITY}}</td><td><span class="t-status t-status--{{STATE_CLASS}}" data-recruitment="{{STORED_STATE}}">{{STATE}}</span></td>
            <td><a href="{{EDIT_URL}}">{{m_editor_session_edit}}<span class="t-visually-hidden"> {{EDIT_OF}}</span></a>
              <form method="post" action="{{RECRUITMENT_ACTION}}">
                <input type="hidden" name="csrf" value="{{CSRF}}">
                {{#OPEN}}<button class="t-button t-button--link" type="submit" name="action" value="close">{{m_editor_session_close}}<span class="t-visually-hidden"> : {{EDIT_OF}}</span></button>
                <button class="t-button t-button--link" type="submit" name="action" value="full">{{m_editor_session_full}}<span class="t-visually-hidden"> : {{EDIT_OF}}</span></button>{{/OPEN}}
                {{#CLOSED}}<button class="t-button t-button--link" type="submit" name="action" value="reopen">{{m_editor_session_reopen}}<span class="t-visually-hidden"> : {{EDIT_OF}}</span></button>{{/CLOSED}}
              </form></td></tr>
          {{/SESSION}}
        </tbody>
      </table>
    </div>{{/SESSIONS}}
  </section>

  <section class="t-section" aria-labelledby="texts">
    <h2 class="t-section__title" id="texts">{{m_editor_texts_title}}</h2>
    <form method="post" action="{{ACTION}}" novalidate>
      <input type="hidden" name="csrf" value="{{CSRF}}">
      {{#FIELD}}<div class="t-field{{#ERROR}} t-field--error{{/ERROR}}">
        <label class="t-label" for="{{NAME}}">{{LABEL}}</label>
        {{#ERROR}}<p class="t-error-message" id="{{NAME}}-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/ERROR}}
        {{#LINE}}<input class="t-input" type="text" id="{{NAME}}" name="{{NAME}}" value="{{VALUE}}" maxlength="{{MAX}}"{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>{{/LINE}}
        {{#AREA}}<textarea class="t-textarea" id="{{NAME}}" name="{{NAME}}" rows="5"{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>{{VALUE}}</textarea>{{/AREA}}
      </div>
      {{/FIELD}}
      <button class="t-button" type="submit">{{m_editor_submit}}</button>
    </form>
  </section>
</div>
