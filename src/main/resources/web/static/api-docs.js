// The browsable API page (/api-docs): Swagger UI over the generated OpenAPI document.
SwaggerUIBundle({ url: '/openapi.json', dom_id: '#api' });
