{{%AUTOESCAPE context="HTML"}}<div class="t-container">
  <div class="t-page-header">
    <h1 class="t-page-header__title">{{TITLE}}</h1>
    {{#LEAD}}<p class="t-lead">{{TEXT}}</p>{{/LEAD}}
  </div>
  <div class="t-prose">
    {{#SECTION}}<h2>{{HEADING}}</h2>
    {{#PARAGRAPH}}<p>{{TEXT}}</p>
    {{/PARAGRAPH}}{{#ITEMS}}<ul>{{#ITEM}}<li>{{TEXT}}</li>{{/ITEM}}</ul>
    {{/ITEMS}}{{#SUBSECTION}}<h3>{{HEADING}}</h3>
    {{#SUB_PARAGRAPH}}<p>{{TEXT}}</p>
    {{/SUB_PARAGRAPH}}{{#SUB_ITEMS}}<ul>{{#ITEM}}<li>{{TEXT}}</li>{{/ITEM}}</ul>
    {{/SUB_ITEMS}}{{/SUBSECTION}}{{/SECTION}}
  </div>
</div>
