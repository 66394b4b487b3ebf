/* The procedure edit page (templates/admin/procedures/procedure/change_form.html).
 * Progressive enhancement only: without it the page saves the same, with position numbers.
 * - Move up / Move down for sections, steps, warning signs and questions: the rows change
 *   places on screen, their position numbers become 10, 20, 30... and the move is said aloud.
 * - Links to a section open it; text boxes grow with their text where CSS cannot do it.
 */
(function () {
    "use strict";

    const announcer = () => document.getElementById("edit-page-announcer");

    function say(message) {
        const live = announcer();
        if (!live) return;
        live.textContent = "";
        // A fresh text node is read again even when the words repeat.
        window.setTimeout(() => { live.textContent = message; }, 50);
    }

    /* Rows ---------------------------------------------------------------- */

    function rowsOf(group) {
        return Array.from(group.querySelectorAll(".inline-related.section-row, tr.form-row"))
            .filter((row) => !row.classList.contains("empty-form") && positionOf(row));
    }

    function positionOf(row) {
        return row.querySelector('input[name$="-position"]');
    }

    function nameOf(row, index) {
        const title = row.querySelector(".section-title");
        if (title) return title.textContent.trim();
        const text = row.querySelector('[name$="-text_en"]');
        const words = text && text.value.trim();
        if (words) return words.length > 60 ? words.slice(0, 57) + "…" : words;
        return "item " + (index + 1);
    }

    function renumber(group) {
        rowsOf(group).forEach((row, index) => {
            positionOf(row).value = String((index + 1) * 10);
        });
    }

    function relabel(group) {
        rowsOf(group).forEach((row, index) => {
            const name = nameOf(row, index);
            row.querySelectorAll(".move-button").forEach((button) => {
                // The visible words first, then the item: “Move up: How to get ready”.
                button.setAttribute("aria-label", `${button.textContent}: ${name}`);
            });
        });
    }

    function button(direction) {
        const element = document.createElement("button");
        element.type = "button";
        element.className = "move-button";
        element.dataset.direction = direction;
        element.textContent = direction === "up" ? "Move up" : "Move down";
        return element;
    }

    function addButtons(row) {
        if (row.querySelector(".move-buttons")) return;
        const box = document.createElement("div");
        box.className = "move-buttons";
        box.append(button("up"), button("down"));
        if (row.matches("tr")) {
            positionOf(row).closest("td").append(box);
        } else {
            row.append(box);
        }
    }

    function move(group, row, direction) {
        const rows = rowsOf(group);
        const from = rows.indexOf(row);
        const to = direction === "up" ? from - 1 : from + 1;
        const name = nameOf(row, from);
        if (to < 0 || to >= rows.length) {
            say(`“${name}” is already ${to < 0 ? "first" : "last"}.`);
            return;
        }
        if (direction === "up") rows[to].before(row); else rows[to].after(row);
        renumber(group);
        relabel(group);
        row.querySelector(`.move-button[data-direction="${direction}"]`).focus();
        say(`“${name}” moved ${direction} to place ${to + 1} of ${rows.length}.`);
    }

    function setUpGroup(group) {
        if (!group.querySelector('input[name$="-position"]')) return;
        group.classList.add("has-move-buttons");
        rowsOf(group).forEach(addButtons);
        relabel(group);
        group.addEventListener("click", (event) => {
            const target = event.target.closest(".move-button");
            if (!target) return;
            const row = target.closest(".inline-related.section-row, tr.form-row");
            move(group, row, target.dataset.direction);
        });
        group.addEventListener("change", () => relabel(group));
    }

    document.addEventListener("formset:added", (event) => {
        const row = event.target;
        const group = row.closest(".inline-group");
        if (!group || !positionOf(row)) return;
        const rows = rowsOf(group);
        const others = rows.filter((other) => other !== row).map((other) => Number(positionOf(other).value) || 0);
        positionOf(row).value = String((others.length ? Math.max(...others) : 0) + 10);
        addButtons(row);
        relabel(group);
    });

    /* Links to a section open it ------------------------------------------- */

    function openTarget() {
        const id = decodeURIComponent(window.location.hash.slice(1));
        const target = id && document.getElementById(id);
        if (!target) return;
        const details = target.matches(".section-row") ? target.querySelector("details") : target.closest("details");
        if (details && !details.open) details.open = true;
        if (target.matches(".section-row")) {
            target.querySelector("summary").focus();
        }
    }

    /* Text boxes grow with their text ------------------------------------- */

    function fit(textarea) {
        textarea.style.height = "auto";
        textarea.style.height = textarea.scrollHeight + 2 + "px";
    }

    function growTextBoxes() {
        if (window.CSS && CSS.supports("field-sizing", "content")) return;
        document.querySelectorAll("#procedure_form textarea").forEach(fit);
        document.addEventListener("input", (event) => {
            if (event.target.matches("#procedure_form textarea")) fit(event.target);
        });
        document.addEventListener("toggle", (event) => {
            event.target.querySelectorAll && event.target.querySelectorAll("textarea").forEach(fit);
        }, true);
    }

    function start() {
        document.querySelectorAll("#procedure_form .inline-group").forEach(setUpGroup);
        window.addEventListener("hashchange", openTarget);
        // A second click on the same link changes no hash: open the section all the same.
        document.addEventListener("click", (event) => {
            if (event.target.closest(".edit-page-contents a")) window.setTimeout(openTarget, 0);
        });
        openTarget();
        growTextBoxes();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
