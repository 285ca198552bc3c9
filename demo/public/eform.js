// Demo platform behaviour: switch the e-Form's patient without reloading the
// page, as pharmacy software does. Every value is set as text, never as HTML.
(function () {
  'use strict';
  var select = document.getElementById('demo-patient-switch');
  if (!select) return;

  function frDate(iso) {
    var p = iso.split('-');
    return p[2] + '/' + p[1] + '/' + p[0];
  }
  function niss(d) {
    return /^\d{11}$/.test(d) ? d.slice(0, 2) + '.' + d.slice(2, 4) + '.' + d.slice(4, 6) + '-' + d.slice(6, 9) + '.' + d.slice(9) : d;
  }
  function cell(col, text) {
    var td = document.createElement('td');
    td.setAttribute('data-col', col);
    td.textContent = text || '';
    return td;
  }
  function show(patient) {
    var name = document.getElementById('ff-patient-name');
    var field = document.getElementById('ff-patient-niss');
    var body = document.querySelector('#ff-own-vaccinations tbody');
    var empty = document.getElementById('ff-own-empty');
    if (name) name.textContent = patient ? patient.name : '—';
    if (field) {
      field.value = patient ? niss(patient.insz) : '';
      field.setAttribute('value', field.value);
    }
    if (body) {
      var rows = (patient ? patient.own : []).map(function (l) {
        var tr = document.createElement('tr');
        tr.setAttribute('data-registration-id', l.id);
        tr.append(
          cell('date', frDate(l.date)),
          cell('type', l.type),
          cell('cnk', l.cnk),
          cell('vaccine', l.vaccine),
          cell('riziv', l.riziv),
          cell('lot', l.lot),
          cell('source', l.source)
        );
        return tr;
      });
      body.replaceChildren.apply(body, rows);
    }
    if (empty) empty.hidden = !!(patient && patient.own.length > 0);
    var url = new URL(location.href);
    if (patient) url.searchParams.set('patient', patient.id);
    else url.searchParams.delete('patient');
    history.replaceState(null, '', url);
  }

  select.addEventListener('change', function () {
    var id = select.value;
    if (!id) return show(null);
    fetch('/api/patients/' + encodeURIComponent(id))
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(show)
      .catch(function () {
        show(null);
      });
  });
})();
