// The survey form: send the rating as JSON, queue it offline, and the kiosk mode.
// A static file (not inline) so the Content-Security-Policy can forbid inline scripts.
(function(){
var f=document.getElementById("survey"),st=document.getElementById("status");
if(!f||!window.fetch||!window.JSON)return;
var Q="cs_queue",kiosk=!!f.dataset.kiosk,sets=f.querySelectorAll("fieldset.q");
function load(){try{return JSON.parse(localStorage.getItem(Q)||"[]")}catch(e){return[]}}
function save(q){try{localStorage.setItem(Q,JSON.stringify(q))}catch(e){}}
function send(it){return fetch(it.url,{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify(it.body),credentials:"same-origin"}).then(function(r){return r.json().then(function(j){return{s:r.status,j:j}})})}
var busy=false;
function flush(){var q=load();if(busy||!q.length||navigator.onLine===false)return;busy=true;var id=q[0].body.client_id;
send(q[0]).then(function(r){busy=false;if(r.s>=500||r.s===429)return;
var rest=load().filter(function(x){return x.body.client_id!==id});save(rest);if(rest.length)flush();else st.textContent=f.dataset.sent},function(){busy=false})}
function say(t){st.textContent=t;if(st.scrollIntoView)st.scrollIntoView()}
var kioskNext=function(){};
function queue(it){var q=load();if(!q.some(function(x){return x.body.client_id===it.body.client_id})){q.push(it);save(q)}say(f.dataset.queued);kioskNext()}
window.addEventListener("online",flush);flush();
function body(){var b={client_id:f.client_id.value,form_token:f.form_token.value,answers:{}};
f.querySelectorAll("input[type=radio]:checked").forEach(function(i){b.answers[i.name.slice(2)]=+i.value});
["comment","dossier_code","token"].forEach(function(n){if(f[n]&&f[n].value.trim())b[n]=f[n].value});return b}
function submit(){var it={url:f.dataset.api,body:body()};
if(navigator.onLine===false){queue(it);return}
send(it).then(function(r){if(r.s===200||r.s===201)location.href=f.dataset.thanks;else if(r.s>=500)queue(it);else{say(r.j.detail);kioskNext()}}).catch(function(){queue(it)})}
f.addEventListener("submit",function(e){e.preventDefault();submit()});
if(kiosk){f.classList.add("js");var idle,TK="cs_forms_"+f.dataset.form;
/* Each rating spends one signed form. The kiosk keeps a few spare forms while the server
   answers, so that during an outage it still resets itself for the next citizen (ratings
   are queued), and it reloads only when the server answers (never onto an error page). */
function spare(){try{return JSON.parse(localStorage.getItem(TK)||"[]").filter(function(x){return Date.now()-x.at<36e6})}catch(e){return[]}}
function keep(s){try{localStorage.setItem(TK,JSON.stringify(s))}catch(e){}}
function probe(ok,fail){fetch(f.dataset.form,{cache:"no-store"}).then(function(r){return r.ok?r.json().then(ok):fail()}).catch(fail)}
function topUp(){if(spare().length<10)probe(function(j){var s=spare();s.push({t:j.form_token,at:Date.now()});keep(s);topUp()},function(){})}
function uuid(){var b=crypto.getRandomValues(new Uint8Array(16)),h="";b[6]=b[6]&15|64;b[8]=b[8]&63|128;for(var i=0;i<16;i++)h+=(b[i]+256).toString(16).slice(1);return h.slice(0,8)+"-"+h.slice(8,12)+"-"+h.slice(12,16)+"-"+h.slice(16,20)+"-"+h.slice(20)}
function first(){f.querySelectorAll("input[type=radio]").forEach(function(i){i.checked=false});for(var i=0;i<sets.length;i++)sets[i].classList.toggle("cur",i===0)}
function reload(){probe(function(){location.reload()},function(){setTimeout(reload,30000)})}
function next(){var s=spare(),x=s.shift();if(!x){reload();return}keep(s);f.form_token.value=x.t;f.client_id.value=uuid();first();reset();st.textContent=""}
kioskNext=function(){clearTimeout(idle);setTimeout(next,4000)};
function reset(){clearTimeout(idle);idle=setTimeout(function(){probe(function(){location.reload()},function(){first();reset()})},60000)}reset();topUp();
f.addEventListener("change",function(e){reset();if(e.target.type!=="radio")return;
if(document.documentElement.requestFullscreen&&!document.fullscreenElement)document.documentElement.requestFullscreen().catch(function(){});
for(var i=0;i<sets.length;i++){if(sets[i].classList.contains("cur")){sets[i].classList.remove("cur");if(i+1<sets.length)sets[i+1].classList.add("cur");else submit();break}}})}
})();
