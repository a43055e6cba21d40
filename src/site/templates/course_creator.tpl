{{%AUTOESCAPE context="HTML"}}<div class="t-container t-container--narrow">
  <div class="t-page-header">
    <p><a href="{{ACCOUNT_URL}}">{{m_editor_back}}</a></p>
    <h1 class="t-page-header__title">{{m_creator_title}}</h1>
    <p class="t-lead">{{LEAD}}</p>
    <p>{{m_creator_intro}}</p>
  </div>
  {{#ERRORS}}{{>ERROR_SUMMARY}}{{/ERRORS}}
  <form method="post" action="{{ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="t-field{{#TITLE_ERROR}} t-field--error{{/TITLE_ERROR}}">
      <label class="t-label" for="title">{{m_editor_field_title}}</label>
      {{#TITLE_ERROR}}<p class="t-error-message" id="title-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/TITLE_ERROR}}
      <input class="t-input" type="text" id="title" name="title" value="{{TITLE}}" maxlength="{{TITLE_MAX}}"{{#TITLE_ERROR}} aria-invalid="true" aria-describedby="title-error"{{/TITLE_ERROR}}>
    </div>
    <div class="t-field{{#SUMMARY_ERROR}} t-field--error{{/SUMMARY_ERROR}}">
      <label class="t-label" for="summary">{{m_editor_field_summary}}</label>
      {{#SUMMARY_ERROR}}<p class="t-error-message" id="summary-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/SUMMARY_ERROR}}
      <textarea class="t-textarea" id="summary" name="summary" rows="3"{{#SUMMARY_ERROR}} aria-invalid="true" aria-describedby="summary-error"{{/SUMMARY_ERROR}}>{{SUMMARY}}</textarea>
    </div>
    <div class="t-field{{#FAMILY_ERROR}} t-field--error{{/FAMILY_ERROR}}">
      <label class="t-label" for="family">{{m_editor_field_family}}</label>
      {{#FAMILY_ERROR}}<p class="t-error-message" id="family-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/FAMILY_ERROR}}
      <select class="t-select" id="family" name="family"{{#FAMILY_ERROR}} aria-invalid="true" aria-describedby="family-error"{{/FAMILY_ERROR}}>
        <option value="">{{m_creator_family_choose}}</option>
        {{#FAMILY}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/FAMILY}}
      </select>
    </div>
    <div class="t-field{{#PROFESSIONS_ERROR}} t-field--error{{/PROFESSIONS_ERROR}}">
      <fieldset class="t-fieldset" id="professions" aria-describedby="professions-hint{{#PROFESSIONS_ERROR}} professions-error{{/PROFESSIONS_ERROR}}">
        <legend class="t-fieldset__legend">{{m_editor_field_professions}}</legend>
        <span class="t-hint" id="professions-hint">{{m_creator_hint_professions}}</span>
        {{#PROFESSIONS_ERROR}}<p class="t-error-message" id="professions-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/PROFESSIONS_ERROR}}
        {{#PROFESSION_GROUP}}<fieldset class="t-fieldset">
          <legend class="t-fieldset__legend">{{NAME}}</legend>
          {{#PROFESSION}}<div class="t-choice"><input type="checkbox" id="profession-{{VALUE}}" name="professions" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}><label for="profession-{{VALUE}}">{{LABEL}}</label></div>
          {{/PROFESSION}}
        </fieldset>{{/PROFESSION_GROUP}}
      </fieldset>
    </div>
    <div class="t-field{{#MODE_ERROR}} t-field--error{{/MODE_ERROR}}">
      <fieldset class="t-fieldset" id="mode"{{#MODE_ERROR}} aria-describedby="mode-error"{{/MODE_ERROR}}>
        <legend class="t-fieldset__legend">{{m_editor_field_mode}}</legend>
        {{#MODE_ERROR}}<p class="t-error-message" id="mode-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/MODE_ERROR}}
        {{#MODE}}<div class="t-choice"><input type="radio" id="mode-{{VALUE}}" name="mode" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}><label for="mode-{{VALUE}}">{{LABEL}}</label></div>
        {{/MODE}}
      </fieldset>
    </div>
    {{#NUMBER}}<div class="t-field{{#ERROR}} t-field--error{{/ERROR}}">
      <label class="t-label" for="{{NAME}}">{{LABEL}}</label>
      <span class="t-hint" id="{{NAME}}-hint">{{HINT}}</span>
      {{#ERROR}}<p class="t-error-message" id="{{NAME}}-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/ERROR}}
      <input class="t-input t-input--short" type="text" inputmode="{{INPUTMODE}}" id="{{NAME}}" name="{{NAME}}" value="{{VALUE}}" aria-describedby="{{NAME}}-hint{{#ERROR}} {{NAME}}-error{{/ERROR}}"{{#ERROR}} aria-invalid="true"{{/ERROR}}>
    </div>
    {{/NUMBER}}
    <fieldset class="t-fieldset">
      <legend class="t-fieldset__legend">{{m_creator_certification_legend}}</legend>
      <div class="t-field{{#RNCP_CODE_ERROR}} t-field--error{{/RNCP_CODE_ERROR}}">
        <label class="t-label" for="rncp_code">{{m_editor_field_rncp_code}}</label>
        <span class="t-hint" id="rncp_code-hint">{{m_creator_hint_rncp_code}}</span>
        {{#RNCP_CODE_ERROR}}<p class="t-error-message" id="rncp_code-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/RNCP_CODE_ERROR}}
        <input class="t-input t-input--medium" type="text" id="rncp_code" name="rncp_code" value="{{RNCP_CODE}}" aria-describedby="rncp_code-hint{{#RNCP_CODE_ERROR}} rncp_code-error{{/RNCP_CODE_ERROR}}"{{#RNCP_CODE_ERROR}} aria-invalid="true"{{/RNCP_CODE_ERROR}}>
      </div>
      <div class="t-field{{#CERTIFICATION_TITLE_ERROR}} t-field--error{{/CERTIFICATION_TITLE_ERROR}}">
        <label class="t-label" for="certification_title">{{m_editor_field_certification_title}}</label>
        {{#CERTIFICATION_TITLE_ERROR}}<p class="t-error-message" id="certification_title-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/CERTIFICATION_TITLE_ERROR}}
        <input class="t-input" type="text" id="certification_title" name="certification_title" value="{{CERTIFICATION_TITLE}}"{{#CERTIFICATION_TITLE_ERROR}} aria-invalid="true" aria-describedby="certification_title-error"{{/CERTIFICATION_TITLE_ERROR}}>
      </div>
      <div class="t-field{{#CERTIFICATION_LEVEL_ERROR}} t-field--error{{/CERTIFICATION_LEVEL_ERROR}}">
        <label class="t-label" for="certification_level">{{m_editor_field_certification_level}}</label>
        {{#CERTIFICATION_LEVEL_ERROR}}<p class="t-error-message" id="certification_level-error"><span class="t-visually-hidden">{{m_form_error_prefix}}</span> {{TEXT}}</p>{{/CERTIFICATION_LEVEL_ERROR}}
        <select class="t-select" id="certification_level" name="certification_level"{{#CERTIFICATION_LEVEL_ERROR}} aria-invalid="true" aria-describedby="certification_level-error"{{/CERTIFICATION_LEVEL_ERROR}}>
          <option value="">{{m_creator_level_choose}}</option>
          {{#LEVEL}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LEVEL}}
        </select>
      </div>
    </fieldset>
    <div class="t-button-group">
      <button class="t-button" type="submit">{{m_creator_submit}}</button>
      <a class="t-button t-button--link" href="{{ACCOUNT_URL}}">{{m_creator_cancel}}</a>
    </div>
  </form>
</div>
