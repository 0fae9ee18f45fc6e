// Draw Swagger UI for the schema named on #swagger-ui; a static file, so the CSP needs no inline script.
"use strict";
(function () {
  const target = document.getElementById("swagger-ui");
  if (!target || typeof SwaggerUIBundle !== "function") return;
  SwaggerUIBundle({
    url: target.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: false,
    validatorUrl: null, // never ask an online validator: the page works without internet
    supportedSubmitMethods: ["get"],
    requestInterceptor: function (request) {
      request.credentials = "same-origin"; // "try it out" uses the browser's session
      return request;
    },
  });
})();
